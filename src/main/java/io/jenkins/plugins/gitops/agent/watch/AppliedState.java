package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.ReportEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one reconcile left behind, handed by the reconcile loop to the drift watch: the revision, the
 * objects Git wants, what applying and pruning did, and the health seen afterwards.
 *
 * @param revision the full commit id the desired objects were rendered from
 * @param appliedCommits commits newly applied by this reconcile, newest first (empty when the
 *     revision did not change)
 * @param desired the rendered objects, in apply order
 * @param outcomes what the apply did to each object, then what pruning did ({@link ApplyResult#outcomes()});
 *     empty when the reconcile failed before applying
 * @param health the health of each desired object after the apply, by id; objects left out are Unknown
 *     until the watch has seen them
 * @param events what the reconcile did, oldest first
 * @param failure one line when the reconcile failed before or outside the apply (Git unreachable, the
 *     revision refused), else null; the report's phase is then {@code Failed}
 * @param refused the branch tip the loop refused while {@code revision} stays applied, else null
 */
public record AppliedState(
        String revision,
        List<String> appliedCommits,
        List<ManifestObject> desired,
        List<Outcome> outcomes,
        Map<ResourceId, Health> health,
        List<ReportEvent> events,
        String failure,
        Refusal refused) {

    /** A state with no refused tip. */
    public AppliedState(String revision, List<String> appliedCommits, List<ManifestObject> desired, List<Outcome> outcomes,
            Map<ResourceId, Health> health, List<ReportEvent> events, String failure) {
        this(revision, appliedCommits, desired, outcomes, health, events, failure, null);
    }

    public AppliedState {
        Objects.requireNonNull(revision, "revision");
        appliedCommits = List.copyOf(appliedCommits);
        desired = List.copyOf(desired);
        outcomes = List.copyOf(outcomes);
        health = Map.copyOf(health);
        events = List.copyOf(events);
    }

    /**
     * The state after an apply, with one event per object the apply created, changed, pruned, not pruned (a pruned
     * event saying why) or failed on.
     *
     * @param appliedCommits newest first
     * @param now the time of the events
     */
    public static AppliedState afterApply(List<String> appliedCommits, List<ManifestObject> desired, ApplyResult result,
            Map<ResourceId, Health> health, Instant now) {
        List<ReportEvent> events = new ArrayList<>();
        for (Outcome outcome : result.outcomes()) {
            switch (outcome.action()) {
                case CREATED -> events.add(new ReportEvent(EventType.APPLIED, now, "created " + outcome.id()));
                case CONFIGURED -> events.add(new ReportEvent(EventType.APPLIED, now, "configured " + outcome.id()));
                case REPLACED -> events.add(new ReportEvent(EventType.APPLIED, now, "replaced " + outcome.id()));
                case PRUNED -> events.add(new ReportEvent(EventType.PRUNED, now, "pruned " + outcome.id()));
                case KEPT -> events.add(new ReportEvent(EventType.PRUNED, now, "not pruned " + outcome));
                case FAILED -> events.add(new ReportEvent(EventType.FAILED, now, outcome.toString()));
                case UNCHANGED, PRUNE_DISABLED, NOT_APPLIED -> { }
            }
        }
        return new AppliedState(result.revision(), appliedCommits, desired, result.outcomes(), health, events, null);
    }
}
