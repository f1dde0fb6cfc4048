package io.jenkins.plugins.gitops.report;

/** How one resource compares with Git. */
public enum ResourceStatus implements WireName {
    IN_SYNC("InSync"),
    DRIFTED("Drifted"),
    MISSING("Missing"),
    PRUNED("Pruned"),
    FAILED("Failed");

    private final String wireName;

    ResourceStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
