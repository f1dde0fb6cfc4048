package io.jenkins.plugins.gitops.agent.loop;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.Problem;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent knows after one reconcile; immutable, so listeners (the drift watch, metrics,
 * {@code /readyz}) may keep it and read it from any thread.
 *
 * @param sequence 1 for the first reconcile of this process, then counting up
 * @param finishedAt when the reconcile ended
 * @param duration how long it took
 * @param sourceRevision the branch tip last seen; empty before the repository was first reached
 * @param revision the accepted revision the cluster is brought to: the last one that rendered and
 *     validated; a refused revision never becomes this. Empty before the first
 * @param appliedCommits the commits this round brought to the cluster, newest first: those since the
 *     last fully applied revision (after a start or a failover, the inventory's; a refused revision's
 *     commits count once a later one applies), at most
 *     {@link io.jenkins.plugins.gitops.report.ReportLimits#MAX_APPLIED_COMMITS}; empty when nothing new applied
 * @param desired the objects of {@code revision}, in file order; what the drift watch compares with
 * @param synced whether the last apply of {@code revision} applied and pruned everything
 * @param apply the last apply of {@code revision} (outcome per object, prunes, live objects)
 * @param health the health of each applied object of {@code revision}, from the live objects the apply returned
 * @param refusal the problems of the refused {@code sourceRevision}, each with file:line; empty unless refused
 * @param condition OK, or why the last reconcile did not reach the tip
 */
public record ReconcileSnapshot(
        long sequence,
        Instant finishedAt,
        Duration duration,
        String sourceRevision,
        String revision,
        List<String> appliedCommits,
        List<ManifestObject> desired,
        boolean synced,
        Optional<ApplyResult> apply,
        Map<ResourceId, Health> health,
        List<Problem> refusal,
        Condition condition) {

    public ReconcileSnapshot {
        appliedCommits = List.copyOf(appliedCommits);
        desired = List.copyOf(desired);
        health = Map.copyOf(health);
        refusal = List.copyOf(refusal);
    }

    /** Before the first reconcile. */
    static ReconcileSnapshot initial(Instant now) {
        return new ReconcileSnapshot(0, now, Duration.ZERO, "", "", List.of(), List.of(), false, Optional.empty(), Map.of(), List.of(),
                Condition.ok(now));
    }

    /** Whether the cluster matches the branch tip: the tip was accepted and fully applied. */
    public boolean atTip() {
        return synced && !revision.isEmpty() && revision.equals(sourceRevision) && condition.isOk();
    }
}
