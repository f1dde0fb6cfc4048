package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildBadgeTest {

    private static final Instant NOW = TestReports.NOW;
    private static final String C = TestReports.commit("promoted");

    @TempDir
    Path dir;

    private static PromotionSummary promotion(String commit) {
        return new PromotionSummary(List.of("registry/app:1.4.2"), "staging", commit, NOW.minusSeconds(600), "#42", "job/shop/42/");
    }

    @Test
    void namesTheEnvironmentAndWhereTheCommitIsNow() throws Exception {
        ReportStore store = ReportStore.open(dir, 10, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(BuildBadge.of(promotion(C), store::environment)).contains(new BuildBadge("staging: Pending",
                "GitOps: registry/app:1.4.2 to staging, commit 70726f6 Pending since 2026-11-22T09:50:00Z"));

        TestReports.addTo(store, TestReports.report("staging", NOW.minusSeconds(60), C, List.of(C), SyncPhase.SYNCED, Health.HEALTHY, 1, 0));

        assertThat(BuildBadge.of(promotion(C), store::environment)).contains(new BuildBadge("staging: Healthy",
                "GitOps: registry/app:1.4.2 to staging, commit 70726f6 Healthy since 2026-11-22T09:59:00Z"));
    }

    @Test
    void aPromotionThatCommittedNothingHasNoBadge() throws Exception {
        ReportStore store = ReportStore.open(dir, 10, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(BuildBadge.of(promotion(null), store::environment)).isEmpty();
    }
}
