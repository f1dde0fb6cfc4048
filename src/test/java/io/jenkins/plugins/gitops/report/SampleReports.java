package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reports for tests: one with every field in use, and ones sized by resource count. */
final class SampleReports {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String REVISION = "4f1c2e3d4b5a69788796a5b4c3d2e1f001234567";
    static final String PREVIOUS = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    private SampleReports() {}

    /** A drifted environment with a diff of each value kind, an event of each type and an optional field of each kind. */
    static Report full(String environment) {
        List<ResourceEntry> resources = List.of(
                new ResourceEntry("apps/v1", "Deployment", "web", "frontend", ResourceStatus.DRIFTED, Health.HEALTHY,
                        List.of(
                                new FieldDiff("/spec/replicas", JsonValue.of(3), JsonValue.of(5), "kubectl-scale",
                                        NOW.minusSeconds(90)),
                                new FieldDiff("/spec/template/spec/containers/0/resources",
                                        JsonValue.parse("{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1.50Gi\"},\"x\":1.10}"),
                                        JsonValue.parse("{\"limits\":{\"cpu\":\"1\"},\"x\":[true,false,null,12345678901234567890]}"),
                                        null, null),
                                new FieldDiff("/metadata/labels/a~1b~0c", null, JsonValue.of("added live"), "kubectl-edit",
                                        NOW.minusSeconds(30)),
                                new FieldDiff("/data/password", JsonValue.of("***"), JsonValue.parse("null"), null, null)),
                        null),
                new ResourceEntry("v1", "Namespace", null, "web", ResourceStatus.IN_SYNC, Health.HEALTHY, List.of(), null),
                new ResourceEntry("batch/v1", "CronJob", "web", "cleanup", ResourceStatus.FAILED, Health.DEGRADED, List.of(),
                        "admission webhook denied the request: image not allowed"),
                new ResourceEntry("v1", "ConfigMap", "web", "old-settings", ResourceStatus.PRUNED, Health.UNKNOWN, List.of(),
                        null),
                new ResourceEntry("v1", "Service", "web", "frontend", ResourceStatus.MISSING, Health.PROGRESSING, List.of(),
                        "deleted live"));
        List<ReportEvent> events = List.of(
                new ReportEvent(EventType.APPLIED, NOW.minusSeconds(120), "applied " + REVISION.substring(0, 7)),
                new ReportEvent(EventType.PRUNED, NOW.minusSeconds(110), "pruned ConfigMap web/old-settings"),
                new ReportEvent(EventType.CORRECTED, NOW.minusSeconds(100), "corrected drift on Deployment web/frontend"),
                new ReportEvent(EventType.FAILED, NOW.minusSeconds(90), "CronJob web/cleanup: denied"));
        return new Report(Report.SCHEMA, environment, new AgentIdentity("gitops-agent-6b7c9", "0.1.0"),
                new SourceState("https://git.example.com/config.git", "main", "apps/web", REVISION, List.of(REVISION, PREVIOUS)),
                SyncPhase.OUT_OF_SYNC, Health.DEGRADED, resources, events, NOW, null, Omitted.NONE);
    }

    /** An in-sync environment of {@code count} cluster-scoped resources, as small as schema v1 allows. */
    static Report withResources(String environment, int count) {
        List<ResourceEntry> resources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            resources.add(new ResourceEntry("v1", "Namespace", null, "n" + i, ResourceStatus.IN_SYNC, Health.HEALTHY,
                    List.of(), null));
        }
        return new Report(Report.SCHEMA, environment, new AgentIdentity("a", "1"),
                new SourceState("r", "main", ".", REVISION, List.of()), SyncPhase.SYNCED, Health.HEALTHY, resources,
                List.of(), NOW, null, Omitted.NONE);
    }
}
