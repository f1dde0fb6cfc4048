package io.jenkins.plugins.gitops.pages;

/** Where a promotion commit is in the environment, as the build and job pages name it. */
public enum CommitState {
    PENDING("Pending"),
    APPLIED("Applied"),
    HEALTHY("Healthy"),
    DEGRADED("Degraded"),
    SUPERSEDED("Superseded");

    private final String label;

    CommitState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
