package io.jenkins.plugins.gitops.environment;

/** Commit ids of an environment's config repository, as messages and pages show them. */
public final class CommitId {

    private CommitId() {}

    /** The first seven characters, as {@code git log --oneline} shows a commit; a shorter id as it is. */
    public static String abbreviate(String id) {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }
}
