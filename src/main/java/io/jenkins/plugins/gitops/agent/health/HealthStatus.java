package io.jenkins.plugins.gitops.agent.health;

/** How a live object is doing, in the words of the report schema. */
public enum HealthStatus {
    HEALTHY("Healthy"),
    PROGRESSING("Progressing"),
    DEGRADED("Degraded"),
    UNKNOWN("Unknown");

    private final String reportName;

    HealthStatus(String reportName) {
        this.reportName = reportName;
    }

    /** {@code Healthy}, {@code Progressing}, {@code Degraded} or {@code Unknown}. */
    public String reportName() {
        return reportName;
    }
}
