package io.jenkins.plugins.gitops.report;

/** What the agent did. */
public enum EventType implements WireName {
    APPLIED("applied"),
    PRUNED("pruned"),
    CORRECTED("corrected"),
    FAILED("failed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
