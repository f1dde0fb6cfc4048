package io.jenkins.plugins.gitops.manifest;

/**
 * One document of a YAML stream.
 *
 * @param source the file and the line where its content starts
 * @param root its content
 */
record YamlDocument(SourceLocation source, YamlValue root) {}
