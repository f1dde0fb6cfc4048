package io.jenkins.plugins.gitops.manifest;

/**
 * Where something stands in the config repository, for error messages a person can follow.
 *
 * @param file path relative to the rendered directory, with forward slashes
 * @param line 1-based line, or 0 when the line is not known (for example kustomize output)
 */
public record SourceLocation(String file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
