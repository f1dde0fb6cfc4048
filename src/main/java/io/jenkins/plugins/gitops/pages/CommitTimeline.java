package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The states a promotion commit reached in its environment, derived from the stored reports alone.
 *
 * <p>The rules, for commit C promoted at time T, over the environment's reports in the store's order
 * (by receipt, a late delivery before its successors: see {@code ReportStore}); every state's time is the {@code generatedAt} of
 * the report that shows it:
 * <ol>
 *   <li><b>Pending</b> at T.
 *   <li><b>Applied</b> at the first report whose {@code revision} is C or whose {@code appliedCommits}
 *       holds C. Without one, C stays Pending.
 *   <li>C's <em>tenure</em> runs from that report up to, not including, the first report from there on
 *       whose {@code revision} is not C. That report, if any, makes C <b>Superseded</b> by its revision.
 *       A commit applied together with a newer one (listed in {@code appliedCommits} of a report whose
 *       revision is the newer commit) is Applied and Superseded by that same report.
 *   <li>Within the tenure only {@code Healthy} and {@code Degraded} decide (Progressing and Unknown are
 *       on the way): the last deciding report gives <b>Healthy</b> or <b>Degraded</b>, timed at the first
 *       report of the run of deciding reports that ends with it and all agree with it.
 * </ol>
 * States come oldest first: Pending, Applied, then Healthy or Degraded if reached, then Superseded if
 * reached. A report history bounded by the store may no longer reach back to an old commit's reports;
 * such a commit shows only what the remaining reports say of it.
 *
 * @param states the states reached, oldest first; empty for a promotion that committed nothing
 * @param supersededBy the revision that replaced the commit, when it was superseded
 */
public record CommitTimeline(List<StateAt> states, String supersededBy) {

    /** One state and when it was reached. */
    public record StateAt(CommitState state, Instant at) {

        public StateAt {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    public CommitTimeline {
        states = List.copyOf(states);
    }

    /** The timeline of a promotion that committed nothing. */
    public static final CommitTimeline NO_COMMIT = new CommitTimeline(List.of(), null);

    /**
     * Follows a commit through an environment's reports.
     *
     * @param commit the full commit id, or {@code null} for a promotion that committed nothing
     * @param promotedAt when the commit was pushed
     * @param history the environment's reports, oldest first
     */
    public static CommitTimeline of(String commit, Instant promotedAt, List<ReportSummary> history) {
        if (commit == null) {
            return NO_COMMIT;
        }
        List<StateAt> states = new ArrayList<>();
        states.add(new StateAt(CommitState.PENDING, promotedAt));
        int applied = firstApplying(commit, history);
        if (applied < 0) {
            return new CommitTimeline(states, null);
        }
        states.add(new StateAt(CommitState.APPLIED, history.get(applied).generatedAt()));
        StateAt outcome = null;
        ReportSummary successor = null;
        for (ReportSummary report : history.subList(applied, history.size())) {
            if (!report.revision().equals(commit)) {
                successor = report;
                break;
            }
            CommitState decided = deciding(report.health());
            if (decided != null && (outcome == null || outcome.state() != decided)) {
                outcome = new StateAt(decided, report.generatedAt());
            }
        }
        if (outcome != null) {
            states.add(outcome);
        }
        if (successor == null) {
            return new CommitTimeline(states, null);
        }
        states.add(new StateAt(CommitState.SUPERSEDED, successor.generatedAt()));
        return new CommitTimeline(states, successor.revision());
    }

    /** Where the commit is now: the last state reached; {@code null} for a promotion that committed nothing. */
    public CommitState current() {
        return states.isEmpty() ? null : states.get(states.size() - 1).state();
    }

    private static int firstApplying(String commit, List<ReportSummary> history) {
        for (int i = 0; i < history.size(); i++) {
            ReportSummary report = history.get(i);
            if (report.revision().equals(commit) || report.appliedCommits().contains(commit)) {
                return i;
            }
        }
        return -1;
    }

    private static CommitState deciding(Health health) {
        return switch (health) {
            case HEALTHY -> CommitState.HEALTHY;
            case DEGRADED -> CommitState.DEGRADED;
            case PROGRESSING, UNKNOWN -> null;
        };
    }
}
