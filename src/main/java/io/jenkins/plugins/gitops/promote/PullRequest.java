package io.jenkins.plugins.gitops.promote;

import java.util.Optional;

/**
 * Pull-request mode: the promotion commit goes to a branch of its own instead of the target branch,
 * for someone to review and merge.
 *
 * @param branch the branch to push to; when empty, {@code gitops/<environment>/<job>-<build>}
 */
public record PullRequest(Optional<String> branch) {

    public PullRequest {
        branch.ifPresent(PullRequest::requireBranchName);
    }

    public static PullRequest toDefaultBranch() {
        return new PullRequest(Optional.empty());
    }

    public static PullRequest toBranch(String branch) {
        return new PullRequest(Optional.of(branch));
    }

    /** The branch this promotion pushes to. */
    String branchFor(String environment, Optional<Provenance> provenance) {
        if (branch.isPresent()) {
            return branch.get();
        }
        Provenance build = provenance.orElseThrow(() -> new IllegalArgumentException(
                "pull-request mode needs a branch name, or the job and build number to name one"));
        String name = "gitops/" + segment(environment) + "/" + segment(build.job()) + "-" + build.buildNumber();
        requireBranchName(name);
        return name;
    }

    /** Job and environment names may hold spaces and other characters a branch name cannot. */
    private static String segment(String text) {
        String cleaned = text.strip()
                .replaceAll("[^A-Za-z0-9._/-]+", "-")
                .replaceAll("/{2,}", "/")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("(^|/)[.-]+", "$1")
                .replaceAll("[./-]+$", "");
        return cleaned.isEmpty() ? "unnamed" : cleaned;
    }

    /** The rules of {@code git check-ref-format} for a branch, kept to the characters promotions use. */
    static void requireBranchName(String name) {
        boolean valid = name != null
                && name.matches("[A-Za-z0-9._/-]+")
                && !name.startsWith("/") && !name.endsWith("/") && !name.contains("//")
                && !name.contains("..") && !name.endsWith(".") && !name.endsWith(".lock")
                && !name.startsWith("-") && !name.contains("/.") && !name.startsWith(".");
        if (!valid) {
            throw new IllegalArgumentException("'" + name + "' is not a valid branch name");
        }
    }
}
