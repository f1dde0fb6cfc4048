package io.jenkins.plugins.gitops.sync;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.pages.CommitState;
import io.jenkins.plugins.gitops.pages.CommitTimeline;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A wait for a commit of the config repository to reach its environment, judged from the environment's stored
 * reports with the rules of {@link CommitTimeline}:
 * <ul>
 *   <li>until a report shows the commit applied (its revision, or among its {@code appliedCommits}) the wait
 *       goes on, whatever the reports of older revisions say: the commit may be the fix for them;
 *   <li>a report of the commit itself in the {@code Failed} phase fails the wait, and so does a report saying
 *       the agent refused the commit as the branch tip (unsigned, untrusted, invalid), with the agent's reason;
 *   <li>without {@code requireHealthy}, being applied is enough;
 *   <li>with it, the commit must be {@code Healthy} (done) and not {@code Degraded} (failed), as the build page
 *       shows it; a commit superseded before its health was decided is judged by the latest report, whose
 *       revision came after it on the branch and so contains it.
 * </ul>
 * Pure: the same reports give the same verdict, so it may be asked again after every new report. Serializable, so
 * that a waiting Pipeline step can keep it across a restart.
 *
 * @param environment the environment's name
 * @param commit the full commit id waited for
 * @param since when the wait (or the promotion) started, the commit's Pending time
 * @param requireHealthy whether the commit must also become healthy
 */
public record SyncWait(String environment, String commit, Instant since, boolean requireHealthy) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern FULL_COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public SyncWait {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(since, "since");
        if (environment.isBlank()) {
            throw new IllegalArgumentException("environment: required");
        }
        if (commit == null || !FULL_COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("commit: expected a full lowercase commit id (40 hex digits), not '"
                    + (commit == null ? "" : commit) + "'");
        }
    }

    /** @param history the environment's reports, oldest first; empty before the first */
    public SyncVerdict judge(List<ReportSummary> history) {
        if (history.isEmpty()) {
            return waiting("no report from the agent yet");
        }
        ReportSummary latest = history.get(history.size() - 1);
        CommitTimeline timeline = CommitTimeline.of(commit, since, history);
        CommitState current = timeline.current();
        if (current == CommitState.PENDING && latest.refused() != null && latest.refused().revision().equals(commit)) {
            return new SyncVerdict(SyncVerdict.Outcome.FAILED, "commit " + CommitId.abbreviate(commit) + " was refused by the agent of "
                    + environment + ": " + latest.refused().reason(), null);
        }
        if (current == CommitState.PENDING) {
            return waiting(last(latest));
        }
        boolean superseded = current == CommitState.SUPERSEDED;
        CommitState outcome = outcome(timeline);
        if (!superseded && latest.phase() == SyncPhase.FAILED) {
            return failed("failed to sync in " + environment, latest);
        }
        if (!requireHealthy || outcome == CommitState.HEALTHY) {
            return synced(current, latest);
        }
        if (outcome == CommitState.DEGRADED) {
            return failed("is Degraded in " + environment, latest);
        }
        if (superseded) {
            if (latest.phase() == SyncPhase.FAILED) {
                return failed("was superseded by a revision that failed to sync in " + environment, latest);
            }
            if (latest.health() == Health.HEALTHY) {
                return synced(current, latest);
            }
            if (latest.health() == Health.DEGRADED) {
                return failed("was superseded by a revision that is Degraded in " + environment, latest);
            }
        }
        return waiting(last(latest));
    }

    /** The verdict when the time is up: the wait fails naming where the commit got to. */
    public SyncVerdict timedOut(String after, List<ReportSummary> history) {
        String goal = requireHealthy ? "applied and healthy" : "applied";
        String last = history.isEmpty() ? "no report from the agent yet" : last(history.get(history.size() - 1));
        return new SyncVerdict(SyncVerdict.Outcome.FAILED,
                "commit " + CommitId.abbreviate(commit) + " was not " + goal + " in " + environment + " within " + after + "; " + last, null);
    }

    private static CommitState outcome(CommitTimeline timeline) {
        for (CommitTimeline.StateAt state : timeline.states()) {
            if (state.state() == CommitState.HEALTHY || state.state() == CommitState.DEGRADED) {
                return state.state();
            }
        }
        return null;
    }

    private SyncVerdict waiting(String where) {
        return new SyncVerdict(SyncVerdict.Outcome.WAITING, "commit " + CommitId.abbreviate(commit) + " not yet there; " + where, null);
    }

    private SyncVerdict failed(String what, ReportSummary latest) {
        return new SyncVerdict(SyncVerdict.Outcome.FAILED, "commit " + CommitId.abbreviate(commit) + " " + what + "; " + last(latest), null);
    }

    private SyncVerdict synced(CommitState state, ReportSummary latest) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("environment", environment);
        result.put("commit", commit);
        result.put("state", state.label());
        result.put("revision", latest.revision());
        result.put("syncPhase", latest.phase().wireName());
        result.put("health", latest.health().wireName());
        result.put("reportedAt", latest.generatedAt().toString());
        return new SyncVerdict(SyncVerdict.Outcome.SYNCED,
                "commit " + CommitId.abbreviate(commit) + " is " + state.label() + " in " + environment + "; " + last(latest),
                Collections.unmodifiableMap(result));
    }

    private static String last(ReportSummary report) {
        return "last report: revision " + CommitId.abbreviate(report.revision()) + ", phase " + report.phase().wireName()
                + ", health " + report.health().wireName() + ", at " + report.generatedAt();
    }
}
