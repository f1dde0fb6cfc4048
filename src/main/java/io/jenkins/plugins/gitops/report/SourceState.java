package io.jenkins.plugins.gitops.report;

import java.util.List;
import java.util.Objects;

/**
 * Where the desired state came from and which commits the agent applied.
 *
 * @param repository the config repository URL, without credentials
 * @param branch the branch the agent follows
 * @param path the directory inside the repository ({@code "."} for its root)
 * @param revision the full commit id now applied
 * @param appliedCommits full commit ids newly applied since the previous report, newest first, at most
 *     {@link ReportLimits#MAX_APPLIED_COMMITS}
 * @param refused the branch tip the agent refused (revision still the one before), or null when it did not
 */
public record SourceState(String repository, String branch, String path, String revision, List<String> appliedCommits,
        Refusal refused) {

    /** A source with no refused tip. */
    public SourceState(String repository, String branch, String path, String revision, List<String> appliedCommits) {
        this(repository, branch, path, revision, appliedCommits, null);
    }

    public SourceState {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(revision, "revision");
        appliedCommits = List.copyOf(appliedCommits);
    }
}
