package io.jenkins.plugins.gitops.manifest;

/**
 * Where something stands in the config repository, for error messages a person can follow.
 *
 * @param file path relative to the rendered directory, with forward slashes; empty for the revision as a whole
 * @param line 1-based line, or 0 when the line is not known (for example kustomize output)
 */
public record SourceLocation(String file, int line) {

    /** No one file: the revision as a whole (a missing directory, an empty render). */
    public static final SourceLocation REVISION = new SourceLocation("", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
