package io.jenkins.plugins.gitops.drift;

/** How a live object stands against its desired state. */
public enum DriftStatus {
    /** Every field Git sets has the same value live. */
    IN_SYNC,
    /** At least one field Git sets differs live. */
    DRIFTED,
    /** The object is not in the cluster. */
    MISSING
}
