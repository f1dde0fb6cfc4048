package io.jenkins.plugins.gitops.notification;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, report after report, which transitions an environment makes, so that one incident is one
 * notification (Argo CD's notifications {@code oncePer}, with a quiet period):
 *
 * <ul>
 *   <li>{@link Transition#DRIFT}: a report shows a drifted or missing resource and no drift incident is
 *       open. Drift corrected and back within the quiet period, or spreading to other resources, is the
 *       same incident.</li>
 *   <li>{@link Transition#DEGRADED}: health is Degraded and no Degraded incident is open.</li>
 *   <li>{@link Transition#FAILED}: phase is Failed and no failure incident of that revision is open; a
 *       retry of the same revision failing again is the same incident, another revision failing a new one.</li>
 *   <li>{@link Transition#SYNCED}: phase is Synced at a revision other than the last one seen synced; a
 *       revision synced again after drift is not new.</li>
 * </ul>
 *
 * An incident closes once reports have not shown it for the quiet period. Pure: state in, state out.
 */
public final class TransitionDetector {

    /** How many resources {@link #driftedLine} names; the rest are counted. */
    static final int NAMED_RESOURCES = 20;

    private final Set<Transition> wanted;
    private final Duration quietPeriod;

    /**
     * @param wanted the transitions to notify; the others are followed all the same, so that adding one
     *     later does not notify an incident already under way
     * @param quietPeriod how long an incident must stay away to be over
     */
    public TransitionDetector(Set<Transition> wanted, Duration quietPeriod) {
        this.wanted = Set.copyOf(wanted);
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    }

    /** The state after a report, and what it notifies. */
    public record Step(EnvironmentState state, List<Notification> notifications) {

        public Step {
            Objects.requireNonNull(state, "state");
            notifications = List.copyOf(notifications);
        }
    }

    /**
     * @param state what the previous reports left ({@link EnvironmentState#NONE} before the first)
     * @param now when the report arrived
     */
    public Step next(EnvironmentState state, Report report, Instant now) {
        String revision = report.source().revision();
        boolean drifted = report.resources().stream().anyMatch(TransitionDetector::drifted);
        List<Transition> made = new ArrayList<>();
        EnvironmentState.Incident drift = follow(state.drift(), drifted, null, now, Transition.DRIFT, made);
        EnvironmentState.Incident degraded =
                follow(state.degraded(), report.health() == Health.DEGRADED, null, now, Transition.DEGRADED, made);
        EnvironmentState.Incident failure =
                follow(state.failure(), report.phase() == SyncPhase.FAILED, revision, now, Transition.FAILED, made);
        String synced = state.syncedRevision();
        if (report.phase() == SyncPhase.SYNCED && !revision.equals(synced)) {
            made.add(Transition.SYNCED);
            synced = revision;
        }
        String line = driftedLine(report);
        List<Notification> notifications = made.stream().filter(wanted::contains)
                .map(transition -> new Notification(report.environment(), transition, revision, report.phase(), report.health(), line))
                .toList();
        return new Step(new EnvironmentState(drift, degraded, failure, synced), notifications);
    }

    /** The state a report leaves, as if what it shows had been notified: where a trigger starts from a stored report. */
    public EnvironmentState stateAfter(Report report, Instant now) {
        return next(EnvironmentState.NONE, report, now).state();
    }

    /** The incident after a report that shows it or not; a transition when it opens. */
    private EnvironmentState.Incident follow(EnvironmentState.Incident open, boolean shown, String revision, Instant now,
            Transition transition, List<Transition> made) {
        boolean over = open == null
                || (open.revision() != null && !open.revision().equals(revision))
                || (open.clearSince() != null && !now.isBefore(open.clearSince().plus(quietPeriod)));
        if (shown) {
            if (over) {
                made.add(transition);
            }
            return new EnvironmentState.Incident(revision, null);
        }
        if (over) {
            return null;
        }
        return open.clearSince() == null ? new EnvironmentState.Incident(open.revision(), now) : open;
    }

    private static boolean drifted(ResourceEntry entry) {
        return entry.status() == ResourceStatus.DRIFTED || entry.status() == ResourceStatus.MISSING;
    }

    /**
     * {@code Deployment/shop/web (/spec/replicas /spec/template/spec/containers/0/image), Secret/shop/db (missing)}: the drifted and missing
     * resources of a report, at most {@value #NAMED_RESOURCES} named.
     */
    public static String driftedLine(Report report) {
        List<ResourceEntry> drifted = report.resources().stream().filter(TransitionDetector::drifted).toList();
        String named = drifted.stream().limit(NAMED_RESOURCES).map(TransitionDetector::describe).collect(Collectors.joining(", "));
        return drifted.size() > NAMED_RESOURCES ? named + " and " + (drifted.size() - NAMED_RESOURCES) + " more" : named;
    }

    private static String describe(ResourceEntry entry) {
        String id = entry.kind() + "/" + (entry.namespace() == null ? "" : entry.namespace() + "/") + entry.name();
        String detail = entry.status() == ResourceStatus.MISSING ? "missing"
                : entry.diffs().stream().map(diff -> diff.path()).collect(Collectors.joining(" "));
        if (detail.isEmpty()) {
            detail = "drifted";
        }
        return id + " (" + detail + ")";
    }
}
