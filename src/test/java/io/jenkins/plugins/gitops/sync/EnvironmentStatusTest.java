package io.jenkins.plugins.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentStatusTest {

    @TempDir
    Path dir;

    @Test
    void summarisesTheLatestReport() throws Exception {
        String revision = TestReports.commit("rev");
        ReportStore store = ReportStore.open(dir, 10, Clock.fixed(TestReports.NOW.plusSeconds(3), ZoneOffset.UTC));
        TestReports.addTo(store, TestReports.report("staging", TestReports.NOW.minusSeconds(600), TestReports.commit("old"), List.of(),
                SyncPhase.SYNCED, Health.HEALTHY, 1, 0));
        TestReports.addTo(store, TestReports.report("staging", TestReports.NOW, revision, List.of(revision), SyncPhase.OUT_OF_SYNC,
                Health.HEALTHY, 4, 2));

        Map<String, Object> status = EnvironmentStatus.of("staging", store.environment("staging"));

        assertThat(status).containsEntry("environment", "staging").containsEntry("state", "Reported")
                .containsEntry("revision", revision).containsEntry("syncPhase", "OutOfSync").containsEntry("health", "Healthy")
                .containsEntry("reportedAt", "2026-11-22T10:00:00Z").containsEntry("receivedAt", "2026-11-22T10:00:03Z")
                .containsEntry("appliedCommits", List.of(revision))
                .containsEntry("resources", Map.of("total", 6, "inSync", 4, "drifted", 2, "missing", 0, "failed", 0, "pruned", 0));
    }

    @Test
    void saysSoBeforeTheFirstReport() {
        Map<String, Object> status = EnvironmentStatus.of("staging", Optional.empty());

        assertThat(status).containsEntry("environment", "staging").containsEntry("state", "NoReport")
                .containsEntry("revision", null).containsEntry("health", null).containsEntry("resources", null);
    }
}
