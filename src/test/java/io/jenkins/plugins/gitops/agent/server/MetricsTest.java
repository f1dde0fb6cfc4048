package io.jenkins.plugins.gitops.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.agent.health.HealthStatus;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportSender;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    private static ManifestObject object(String name) {
        return new ManifestObject(ResourceId.of("apps/v1", "Deployment", "shop", name), "apps/v1",
                Map.of("kind", "Deployment", "metadata", Map.of("name", name)), new SourceLocation(name + ".yaml", 1));
    }

    @Test
    void countsTheReportEventsTheSenderDroppedAndItsDeliveries() {
        Report report = TestReports.at("staging", NOW, TestReports.commit("a"), 1).withEvents(List.of(
                new ReportEvent(EventType.APPLIED, NOW, "applied a"), new ReportEvent(EventType.PRUNED, NOW, "pruned b"),
                new ReportEvent(EventType.CORRECTED, NOW, "corrected c")));
        // Nothing listens on port 9 of the loopback: the sender holds the events, one at most.
        try (ReportSender sender = ReportSender.start(URI.create("http://127.0.0.1:9/gitops/report"),
                "s".getBytes(StandardCharsets.UTF_8), ReportSender.Backoff.DEFAULT, Duration.ofSeconds(5), 1)) {
            sender.submit(report);

            String text = new Metrics(Optional.of(sender)).render(true, true);

            assertThat(text)
                    .contains("# TYPE gitops_report_events_dropped_total counter\n")
                    .contains("gitops_report_events_dropped_total " + (report.events().size() - 1) + "\n")
                    .contains("gitops_report_deliveries_total{result=\"delivered\"} 0\n");
        }
        assertThat(new Metrics(Optional.empty()).render(true, true)).doesNotContain("gitops_report_");
    }

    @Test
    void exposesDurationsErrorsRevisionAndResourcesInPrometheusText() {
        ManifestObject web = object("web");
        ManifestObject worker = object("worker");
        ApplyResult result = new ApplyResult(REVISION, List.of(
                new Outcome(web.id(), Action.CREATED, "", web.source()),
                new Outcome(worker.id(), Action.FAILED, "Forbidden (403): no", worker.source())), Map.of());
        Metrics metrics = new Metrics(Optional.empty());
        metrics.reconciled(new ReconcileSnapshot(1, NOW, Duration.ofMillis(700), REVISION, REVISION, List.of(REVISION), List.of(web, worker), false,
                Optional.of(result), Map.of(web.id(), new Health(HealthStatus.PROGRESSING, "0 of 2 available")), List.of(),
                new Condition(Condition.Kind.APPLY, "1 object failed", 1, NOW)));
        metrics.reconciled(new ReconcileSnapshot(2, NOW, Duration.ofSeconds(3), REVISION, REVISION, List.of(REVISION), List.of(web, worker), false,
                Optional.of(result), Map.of(), List.of(), new Condition(Condition.Kind.SOURCE, "unreachable", 1, NOW)));

        String text = metrics.render(true, false);

        assertThat(text)
                .contains("# TYPE gitops_reconcile_duration_seconds histogram\n")
                .contains("gitops_reconcile_duration_seconds_bucket{le=\"0.5\"} 0\n")
                .contains("gitops_reconcile_duration_seconds_bucket{le=\"1.0\"} 1\n")
                .contains("gitops_reconcile_duration_seconds_bucket{le=\"5.0\"} 2\n")
                .contains("gitops_reconcile_duration_seconds_bucket{le=\"+Inf\"} 2\n")
                .contains("gitops_reconcile_duration_seconds_sum 3.7\n")
                .contains("gitops_reconcile_duration_seconds_count 2\n")
                .contains("gitops_reconcile_errors_total{kind=\"apply\"} 1\n")
                .contains("gitops_reconcile_errors_total{kind=\"git\"} 1\n")
                .contains("gitops_reconcile_errors_total{kind=\"api\"} 0\n")
                .contains("gitops_applied_revision{revision=\"" + REVISION + "\"} 1\n")
                .contains("gitops_resources{status=\"created\",health=\"Unknown\"} 1\n")
                .contains("gitops_resources{status=\"failed\",health=\"Unknown\"} 1\n")
                .contains("gitops_synced 0\n")
                .contains("gitops_leader 1\n")
                .contains("gitops_ready 0\n");
        // Every sample line is "name{labels} value" or "name value".
        assertThat(text.lines().filter(line -> !line.startsWith("#")))
                .allMatch(line -> line.matches("[a-z_]+(\\{[a-z]+=\"[^\"]*\"(,[a-z]+=\"[^\"]*\")*})? [0-9.E+-]+"));
    }
}
