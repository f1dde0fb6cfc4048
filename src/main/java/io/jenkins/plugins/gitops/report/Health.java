package io.jenkins.plugins.gitops.report;

/** Health of a resource, or of an environment as the worst of its resources. */
public enum Health implements WireName {
    HEALTHY("Healthy"),
    PROGRESSING("Progressing"),
    DEGRADED("Degraded"),
    UNKNOWN("Unknown");

    private final String wireName;

    Health(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
