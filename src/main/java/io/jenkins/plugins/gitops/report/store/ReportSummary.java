package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportSequence;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the pages need from one report of an environment's history. The store keeps only the latest report
 * whole in memory; for the others this summary is enough to draw a trend and to follow a commit.
 *
 * @param sequence the order of receipt within its environment
 * @param receivedAt when the receiver accepted the report
 * @param generatedAt when the agent wrote it
 * @param revision the commit applied
 * @param appliedCommits the commits newly applied since the agent's previous report, newest first
 * @param phase the sync phase
 * @param health the environment's health
 * @param drifted how many resources had drifted
 * @param agentSequence where the agent placed the report among its run's reports; {@code null} if it did not
 * @param refused the branch tip the agent refused, or {@code null}
 */
public record ReportSummary(
        long sequence,
        Instant receivedAt,
        Instant generatedAt,
        String revision,
        List<String> appliedCommits,
        SyncPhase phase,
        Health health,
        int drifted,
        ReportSequence agentSequence,
        Refusal refused) {

    /** A summary of a report that names no refused tip. */
    public ReportSummary(long sequence, Instant receivedAt, Instant generatedAt, String revision, List<String> appliedCommits,
            SyncPhase phase, Health health, int drifted, ReportSequence agentSequence) {
        this(sequence, receivedAt, generatedAt, revision, appliedCommits, phase, health, drifted, agentSequence, null);
    }

    public ReportSummary {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(health, "health");
        appliedCommits = List.copyOf(appliedCommits);
    }

    public static ReportSummary of(StoredReport stored) {
        Report report = stored.report();
        int drifted = (int) report.resources().stream().filter(r -> r.status() == ResourceStatus.DRIFTED).count()
                + report.omitted().resources().getOrDefault(ResourceStatus.DRIFTED, 0);
        return new ReportSummary(stored.sequence(), stored.receivedAt(), report.generatedAt(), report.source().revision(),
                report.source().appliedCommits(), report.phase(), report.health(), drifted, report.sequence(),
                report.source().refused());
    }
}
