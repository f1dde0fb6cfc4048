package io.jenkins.plugins.gitops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo's steps accept as shown by a report. */
class ReportConditionsTest {

    private static final String V1 = "1".repeat(40);
    private static final String V2 = "2".repeat(40);
    private static final List<String> EDITED = List.of("/spec/replicas", "/spec/template/spec/containers/0/image");

    @Test
    void appliedNeedsTheRevisionAndEveryResourceInSync() {
        assertThat(ReportConditions.applied(V2).test(report(V2, SyncPhase.PROGRESSING, Health.PROGRESSING, inSync()))).isTrue();
        assertThat(ReportConditions.applied(V2).test(report(V1, SyncPhase.SYNCED, Health.HEALTHY, inSync()))).isFalse();
        assertThat(ReportConditions.applied(V2).test(report(V2, SyncPhase.OUT_OF_SYNC, Health.HEALTHY,
                drifted(diff("/spec/replicas", "kubectl-edit"))))).isFalse();
    }

    @Test
    void driftNeedsEveryEditedFieldAttributedToTheEditor() {
        Report both = report(V2, SyncPhase.OUT_OF_SYNC, Health.HEALTHY,
                drifted(diff(EDITED.get(0), "kubectl-edit"), diff(EDITED.get(1), "kubectl-edit")));
        Report oneField = report(V2, SyncPhase.OUT_OF_SYNC, Health.HEALTHY, drifted(diff(EDITED.get(0), "kubectl-edit")));
        Report unattributed = report(V2, SyncPhase.OUT_OF_SYNC, Health.HEALTHY,
                drifted(diff(EDITED.get(0), "kubectl-edit"), diff(EDITED.get(1), null)));

        assertThat(ReportConditions.driftedBy("Deployment", "web", "kubectl-edit", EDITED).test(both)).isTrue();
        assertThat(ReportConditions.driftedBy("Deployment", "web", "kubectl-edit", EDITED).test(oneField)).isFalse();
        assertThat(ReportConditions.driftedBy("Deployment", "web", "kubectl-edit", EDITED).test(unattributed)).isFalse();
    }

    @Test
    void describesAReportInOneLine() {
        Report report = report(V2, SyncPhase.OUT_OF_SYNC, Health.HEALTHY, drifted(diff("/spec/replicas", "kubectl-edit")));

        assertThat(ReportConditions.describe(report)).isEqualTo(
                "revision 2222222, OutOfSync, Healthy, 1 resources, Drifted Deployment/web /spec/replicas by kubectl-edit");
    }

    private static Report report(String revision, SyncPhase phase, Health health, ResourceEntry resource) {
        return new Report(Report.SCHEMA, "staging", new AgentIdentity("agent", "1"),
                new SourceState("git://127.0.0.1/config.git", "main", "apps/web", revision, List.of()),
                phase, health, List.of(resource), List.of(), Instant.parse("2026-11-22T10:00:00Z"), null, Omitted.NONE);
    }

    private static ResourceEntry inSync() {
        return new ResourceEntry("apps/v1", "Deployment", "shop", "web", ResourceStatus.IN_SYNC, Health.HEALTHY, List.of(), null);
    }

    private static ResourceEntry drifted(FieldDiff... diffs) {
        return new ResourceEntry("apps/v1", "Deployment", "shop", "web", ResourceStatus.DRIFTED, Health.HEALTHY, List.of(diffs), null);
    }

    private static FieldDiff diff(String path, String manager) {
        return new FieldDiff(path, JsonValue.of(2), JsonValue.of(5), manager, manager == null ? null : Instant.parse("2026-11-22T09:00:00Z"));
    }
}
