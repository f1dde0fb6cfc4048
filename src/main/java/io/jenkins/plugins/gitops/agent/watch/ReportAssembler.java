package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.agent.health.HealthStatus;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.FieldDrift;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ReportLimits;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the applied state and the latest live observations into a schema v1 report. Pure.
 *
 * <ul>
 *   <li>A desired object whose apply failed (or was not attempted) is {@code Failed} with the apply's
 *       message; otherwise it is {@code InSync}, {@code Drifted} or {@code Missing} as last observed,
 *       and {@code InSync} until first observed. Pruned objects follow as {@code Pruned}, a failed
 *       prune as {@code Failed}.</li>
 *   <li>Phase: {@code Failed} when the reconcile failed or any resource is {@code Failed}, else
 *       {@code OutOfSync} when any is {@code Drifted} or {@code Missing}, else {@code Progressing}
 *       while any is progressing (even when another is degraded), else {@code Synced}.</li>
 *   <li>Health: the worst of the desired objects', Degraded over Progressing over Unknown over Healthy.
 *       Unknown ranks low because it mostly means missing, which the phase already says.</li>
 * </ul>
 * Diff values arrive masked from the drift detector; nothing here reads a live object.
 */
public final class ReportAssembler {

    private ReportAssembler() {}

    /**
     * @param observed the latest observation of each desired object evaluated so far
     * @param appliedCommits the commits to name in {@code source.appliedCommits}, newest first; cut to
     *     {@link ReportLimits#MAX_APPLIED_COMMITS}
     * @param events the events to carry, oldest first
     * @param apiVersions apiVersions of objects no longer desired (for pruned entries), by id
     */
    public static Report assemble(ReportContext context, AppliedState state, Map<ResourceId, Observation> observed,
            List<String> appliedCommits, List<ReportEvent> events, Map<ResourceId, String> apiVersions, Instant now) {
        Map<ResourceId, Outcome> outcomes = new HashMap<>();
        state.outcomes().forEach(outcome -> outcomes.put(outcome.id(), outcome));
        List<ResourceEntry> resources = new ArrayList<>();
        boolean failed = state.failure() != null;
        boolean outOfSync = false;
        boolean progressing = false;
        Health health = Health.HEALTHY;
        for (ManifestObject object : state.desired()) {
            ResourceEntry entry = desiredEntry(object, outcomes.get(object.id()), observed.get(object.id()), state);
            resources.add(entry);
            failed |= entry.status() == ResourceStatus.FAILED;
            outOfSync |= entry.status() == ResourceStatus.DRIFTED || entry.status() == ResourceStatus.MISSING;
            progressing |= entry.health() == Health.PROGRESSING;
            health = worse(health, entry.health());
        }
        for (Outcome outcome : state.outcomes()) {
            if (outcome.action() == Action.PRUNED || (outcome.action() == Action.FAILED && outcome.source() == null)) {
                ResourceId id = outcome.id();
                boolean pruned = outcome.action() == Action.PRUNED;
                failed |= !pruned;
                resources.add(new ResourceEntry(apiVersions.getOrDefault(id, group(id)), id.kind(), namespace(id), id.name(),
                        pruned ? ResourceStatus.PRUNED : ResourceStatus.FAILED, Health.UNKNOWN, List.of(),
                        pruned ? null : outcome.message()));
            }
        }
        SyncPhase phase = failed ? SyncPhase.FAILED
                : outOfSync ? SyncPhase.OUT_OF_SYNC
                : progressing ? SyncPhase.PROGRESSING
                : SyncPhase.SYNCED;
        List<String> commits = appliedCommits.size() > ReportLimits.MAX_APPLIED_COMMITS
                ? appliedCommits.subList(0, ReportLimits.MAX_APPLIED_COMMITS)
                : appliedCommits;
        SourceState source = new SourceState(context.repository(), context.branch(), context.path(), state.revision(), commits, state.refused());
        return new Report(Report.SCHEMA, context.environment(), context.agent(), source, phase, health, resources, events,
                now, null, Omitted.NONE);
    }

    /**
     * The entry of a desired object as observed: {@code InSync}, {@code Drifted} with its diffs, or
     * {@code Missing}; the health's reason as message when in sync but not healthy. Reports and the
     * {@code diff} command show objects with it.
     */
    public static ResourceEntry entry(ManifestObject object, Observation observation) {
        return desiredEntry(object, null, observation, null);
    }

    /** @param state for the health after the apply until the watch has observed the object; null when observed */
    private static ResourceEntry desiredEntry(ManifestObject object, Outcome outcome, Observation observation,
            AppliedState state) {
        ResourceId id = object.id();
        Health health = observation != null ? health(observation.health().status())
                : state.health().containsKey(id) ? health(state.health().get(id).status())
                : Health.UNKNOWN;
        ObjectDrift drift = observation == null ? null : observation.drift();
        List<FieldDiff> diffs = drift == null ? List.of() : drift.fields().stream().map(ReportAssembler::diff).toList();
        if (outcome != null && (outcome.action() == Action.FAILED || outcome.action() == Action.NOT_APPLIED)) {
            return new ResourceEntry(object.apiVersion(), id.kind(), namespace(id), id.name(), ResourceStatus.FAILED,
                    health, diffs, outcome.message());
        }
        ResourceStatus status = drift == null ? ResourceStatus.IN_SYNC : switch (drift.status()) {
            case IN_SYNC -> ResourceStatus.IN_SYNC;
            case DRIFTED -> ResourceStatus.DRIFTED;
            case MISSING -> ResourceStatus.MISSING;
        };
        String message = drift == null || drift.status() == DriftStatus.IN_SYNC
                ? unhealthyMessage(observation)
                : drift.message();
        return new ResourceEntry(object.apiVersion(), id.kind(), namespace(id), id.name(), status, health, diffs, message);
    }

    /** The health's reason when the object is not healthy: that is what a person needs to act on. */
    private static String unhealthyMessage(Observation observation) {
        if (observation == null || observation.health().status() == HealthStatus.HEALTHY
                || observation.health().message().isEmpty()) {
            return null;
        }
        return observation.health().message();
    }

    private static FieldDiff diff(FieldDrift field) {
        return new FieldDiff(field.path().toString(), value(field.desired()), value(field.live()), field.manager(),
                field.changedAt());
    }

    private static JsonValue value(Object value) {
        return value == null ? null : JsonValue.of(value);
    }

    static Health health(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> Health.HEALTHY;
            case PROGRESSING -> Health.PROGRESSING;
            case DEGRADED -> Health.DEGRADED;
            case UNKNOWN -> Health.UNKNOWN;
        };
    }

    private static Health worse(Health a, Health b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Health health) {
        return switch (health) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case PROGRESSING -> 2;
            case DEGRADED -> 3;
        };
    }

    private static String namespace(ResourceId id) {
        return id.clusterScoped() ? null : id.namespace();
    }

    /** The best that can be said of an apiVersion nobody recorded: the group, or {@code v1} for the core group. */
    private static String group(ResourceId id) {
        return id.group().isEmpty() ? "v1" : id.group();
    }
}
