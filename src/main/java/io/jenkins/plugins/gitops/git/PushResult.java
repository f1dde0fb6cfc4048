package io.jenkins.plugins.gitops.git;

/** How a push ended when it did not fail outright (failures are {@link GitException}s). */
public enum PushResult {
    /** The remote branch now points at the pushed commit (or already did). */
    PUSHED,
    /**
     * The remote branch moved since it was fetched: the push was not a fast-forward, or another push
     * updated the branch while this one was being applied. Fetching again and redoing the change can
     * succeed.
     */
    REJECTED_NON_FAST_FORWARD
}
