package io.jenkins.plugins.gitops.agent.server;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.ReconcileListener;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.ReportSender;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's metrics in the Prometheus text format (version 0.0.4), kept from the loop's snapshots:
 * reconcile durations as a histogram, errors by kind, the applied revision as a labelled gauge, and
 * the desired resources by apply status and health; with a report sender, its deliveries and the events it
 * dropped.
 */
public final class Metrics implements ReconcileListener {

    /** Upper bounds in seconds: a no-op round takes well under a second, a cold apply of thousands a minute or more. */
    static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final long[] bucketCounts = new long[BUCKETS.length];
    private final Map<Condition.Kind, Long> errors = new EnumMap<>(Condition.Kind.class);
    private double durationSum;
    private long durationCount;
    private ReconcileSnapshot last;
    private final Optional<ReportSender> reports;

    /** @param reports the sender whose counters to show, when the agent reports */
    public Metrics(Optional<ReportSender> reports) {
        this.reports = reports;
        for (Condition.Kind kind : Condition.Kind.values()) {
            if (kind != Condition.Kind.OK) {
                errors.put(kind, 0L);
            }
        }
    }

    @Override
    public synchronized void reconciled(ReconcileSnapshot snapshot) {
        double seconds = snapshot.duration().toNanos() / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts[i]++;
            }
        }
        durationSum += seconds;
        durationCount++;
        if (!snapshot.condition().isOk()) {
            errors.merge(snapshot.condition().kind(), 1L, Long::sum);
        }
        last = snapshot;
    }

    /** The exposition text; {@code leader} and {@code ready} are read at scrape time. */
    public synchronized String render(boolean leader, boolean ready) {
        StringBuilder out = new StringBuilder(2048);
        header(out, "gitops_reconcile_duration_seconds", "histogram", "Time one reconcile round took.");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("gitops_reconcile_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(bucketCounts[i]).append('\n');
        }
        out.append("gitops_reconcile_duration_seconds_bucket{le=\"+Inf\"} ").append(durationCount).append('\n');
        out.append("gitops_reconcile_duration_seconds_sum ").append(durationSum).append('\n');
        out.append("gitops_reconcile_duration_seconds_count ").append(durationCount).append('\n');

        header(out, "gitops_reconcile_errors_total", "counter", "Reconcile rounds that did not reach the branch tip, by kind.");
        errors.forEach((kind, count) ->
                out.append("gitops_reconcile_errors_total{kind=\"").append(kind.label()).append("\"} ").append(count).append('\n'));

        header(out, "gitops_applied_revision", "gauge", "1 for the revision the cluster is brought to.");
        if (last != null && !last.revision().isEmpty()) {
            out.append("gitops_applied_revision{revision=\"").append(last.revision()).append("\"} 1\n");
        }

        header(out, "gitops_resources", "gauge", "Desired resources by last apply status and health.");
        resourceCounts().forEach((labels, count) -> out.append("gitops_resources{").append(labels).append("} ").append(count).append('\n'));

        header(out, "gitops_synced", "gauge", "1 when the cluster matches the branch tip.");
        out.append("gitops_synced ").append(last != null && last.atTip() ? 1 : 0).append('\n');
        header(out, "gitops_ready", "gauge", "1 when /readyz answers 200.");
        out.append("gitops_ready ").append(ready ? 1 : 0).append('\n');
        header(out, "gitops_leader", "gauge", "1 when this replica holds the leader Lease.");
        out.append("gitops_leader ").append(leader ? 1 : 0).append('\n');
        header(out, "gitops_last_reconcile_timestamp_seconds", "gauge", "When the last reconcile round ended.");
        out.append("gitops_last_reconcile_timestamp_seconds ")
                .append(last == null ? 0 : last.finishedAt().getEpochSecond()).append('\n');
        reports.map(ReportSender::status).ifPresent(status -> {
            header(out, "gitops_report_deliveries_total", "counter",
                    "Reports the receiver accepted (delivered) or refused for good (rejected).");
            out.append("gitops_report_deliveries_total{result=\"delivered\"} ").append(status.delivered()).append('\n');
            out.append("gitops_report_deliveries_total{result=\"rejected\"} ").append(status.rejected()).append('\n');
            header(out, "gitops_report_events_dropped_total", "counter",
                    "Report events dropped because more were waiting for the receiver than the agent holds.");
            out.append("gitops_report_events_dropped_total ").append(status.droppedEvents()).append('\n');
        });
        return out.toString();
    }

    private Map<String, Long> resourceCounts() {
        Map<String, Long> counts = new TreeMap<>();
        if (last == null) {
            return counts;
        }
        Map<ResourceId, ApplyResult.Outcome> outcomes = new HashMap<>();
        last.apply().ifPresent(result -> result.outcomes().forEach(outcome -> outcomes.put(outcome.id(), outcome)));
        for (ManifestObject object : last.desired()) {
            ApplyResult.Outcome outcome = outcomes.get(object.id());
            String status = outcome == null ? "unknown" : outcome.action().name().toLowerCase(Locale.ROOT);
            Health health = last.health().get(object.id());
            String healthName = health == null ? "Unknown" : health.status().reportName();
            counts.merge("status=\"" + status + "\",health=\"" + healthName + "\"", 1L, Long::sum);
        }
        return counts;
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
