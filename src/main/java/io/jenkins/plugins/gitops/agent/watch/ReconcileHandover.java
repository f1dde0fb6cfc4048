package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.ReconcileListener;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.ReportEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hands every round of the reconcile loop to a drift watch, as the state it watches and reports.
 *
 * <ul>
 *   <li>The loop's snapshot carries the last apply of its revision round after round; that apply's
 *       events are handed over once, with the round that made it.</li>
 *   <li>The round's {@code appliedCommits} (those it newly brought to the cluster) go with it.</li>
 *   <li>A round that failed outside the objects' own apply (Git unreachable, revision refused, API
 *       server down) makes the report's phase {@code Failed}, with one {@code failed} event when the
 *       failure begins or changes; failed objects of an apply show as failed resources instead.</li>
 *   <li>A refused branch tip is named with the reason ({@code source.refused}), so that a wait for that commit
 *       can fail at once.</li>
 *   <li>Before the loop has accepted a revision there is nothing to watch, and nothing is handed over.</li>
 * </ul>
 * Called on the loop's thread; {@link DriftWatch#update} returns at once.
 */
public final class ReconcileHandover implements ReconcileListener {

    private final DriftWatch watch;
    private ApplyResult handedApply;
    private Condition handedFailure;

    public ReconcileHandover(DriftWatch watch) {
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    @Override
    public synchronized void reconciled(ReconcileSnapshot snapshot) {
        if (snapshot.revision().isEmpty()) {
            return;
        }
        List<String> commits = snapshot.appliedCommits();
        ApplyResult apply = snapshot.apply().orElse(null);
        List<ReportEvent> events = new ArrayList<>();
        if (apply != null && apply != handedApply) {
            events.addAll(AppliedState.afterApply(commits, snapshot.desired(), apply, snapshot.health(),
                    snapshot.finishedAt()).events());
            handedApply = apply;
        }
        Condition condition = snapshot.condition();
        String failure = null;
        if (!condition.isOk() && condition.kind() != Condition.Kind.APPLY) {
            failure = condition.kind().label() + ": " + condition.message();
            if (handedFailure == null || handedFailure.kind() != condition.kind()
                    || !handedFailure.message().equals(condition.message())) {
                events.add(new ReportEvent(EventType.FAILED, snapshot.finishedAt(), failure));
            }
            handedFailure = condition;
        } else {
            handedFailure = null;
        }
        Refusal refused = condition.kind() == Condition.Kind.REFUSED ? new Refusal(snapshot.sourceRevision(), condition.message()) : null;
        watch.update(new AppliedState(snapshot.revision(), commits, snapshot.desired(),
                apply == null ? List.of() : apply.outcomes(), snapshot.health(), events, failure, refused));
    }
}
