package io.jenkins.plugins.gitops.manifest;

import java.util.Map;

/**
 * One desired Kubernetes object from the config repository, as rendered and validated.
 *
 * @param id its identity
 * @param apiVersion the {@code apiVersion} as written
 * @param content the whole object as parsed YAML/JSON (maps, lists, strings, numbers, booleans, null)
 * @param source where it was written
 */
public record ManifestObject(ResourceId id, String apiVersion, Map<String, Object> content, SourceLocation source) {}
