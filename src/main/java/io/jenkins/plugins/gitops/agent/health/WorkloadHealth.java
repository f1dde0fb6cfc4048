package io.jenkins.plugins.gitops.agent.health;

import io.jenkins.plugins.gitops.agent.apply.ObjectTree;
import java.util.Map;
import java.util.Objects;

/** Rollout health of the replica-managing controllers, after kstatus and Argo CD's checks. */
final class WorkloadHealth {

    private static final String WAITING_FOR_CONTROLLER = "waiting for the controller to observe generation ";

    private WorkloadHealth() {}

    static Health deployment(Map<String, Object> live) {
        if (Conditions.workloadGenerationNotObserved(live)) {
            return Health.progressing(WAITING_FOR_CONTROLLER + generation(live));
        }
        Map<String, Object> progressing = Conditions.find(live, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.get("reason"))) {
            return Health.degraded("rollout exceeded its progress deadline: " + Conditions.describe(progressing));
        }
        Map<String, Object> failure = Conditions.find(live, "ReplicaFailure");
        if (failure != null && "True".equals(failure.get("status"))) {
            return Health.degraded("replicas cannot be created: " + Conditions.describe(failure));
        }
        long wanted = ObjectTree.longAt(live, 1, "spec", "replicas");
        long updated = ObjectTree.longAt(live, 0, "status", "updatedReplicas");
        long current = ObjectTree.longAt(live, 0, "status", "replicas");
        long available = ObjectTree.longAt(live, 0, "status", "availableReplicas");
        if (updated < wanted) {
            return Health.progressing(updated + " of " + wanted + " replicas updated");
        }
        if (current > updated) {
            return Health.progressing((current - updated) + " old replicas pending termination");
        }
        if (available < updated) {
            return Health.progressing(available + " of " + updated + " updated replicas available");
        }
        return Health.healthy(wanted + " of " + wanted + " replicas updated and available");
    }

    static Health statefulSet(Map<String, Object> live) {
        if (Conditions.workloadGenerationNotObserved(live)) {
            return Health.progressing(WAITING_FOR_CONTROLLER + generation(live));
        }
        long wanted = ObjectTree.longAt(live, 1, "spec", "replicas");
        long ready = ObjectTree.longAt(live, 0, "status", "readyReplicas");
        if (ready < wanted) {
            return Health.progressing(ready + " of " + wanted + " replicas ready");
        }
        if ("OnDelete".equals(ObjectTree.textAt(live, "spec", "updateStrategy", "type"))) {
            return Health.healthy(wanted + " replicas ready (OnDelete updates are not tracked)");
        }
        long updated = ObjectTree.longAt(live, 0, "status", "updatedReplicas");
        // The API server defaults the partition to 0: only a positive one holds replicas back.
        long partition = ObjectTree.longAt(live, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
        if (partition > 0) {
            long expected = Math.max(0, wanted - partition);
            return updated < expected
                    ? Health.progressing(updated + " of " + expected + " replicas above the partition updated")
                    : Health.healthy("partitioned rollout complete: " + updated + " replicas updated");
        }
        String currentRevision = ObjectTree.textAt(live, "status", "currentRevision");
        String updateRevision = ObjectTree.textAt(live, "status", "updateRevision");
        if (updateRevision != null && !Objects.equals(currentRevision, updateRevision)) {
            return Health.progressing(updated + " of " + wanted + " replicas at revision " + updateRevision);
        }
        return Health.healthy(wanted + " of " + wanted + " replicas ready and updated");
    }

    static Health daemonSet(Map<String, Object> live) {
        if (Conditions.workloadGenerationNotObserved(live)) {
            return Health.progressing(WAITING_FOR_CONTROLLER + generation(live));
        }
        long scheduled = ObjectTree.longAt(live, 0, "status", "desiredNumberScheduled");
        long updated = ObjectTree.longAt(live, 0, "status", "updatedNumberScheduled");
        long available = ObjectTree.longAt(live, 0, "status", "numberAvailable");
        boolean onDelete = "OnDelete".equals(ObjectTree.textAt(live, "spec", "updateStrategy", "type"));
        if (!onDelete && updated < scheduled) {
            return Health.progressing(updated + " of " + scheduled + " pods updated");
        }
        if (available < scheduled) {
            return Health.progressing(available + " of " + scheduled + " pods available");
        }
        return Health.healthy(scheduled + " of " + scheduled + " pods updated and available");
    }

    static Health replicaSet(Map<String, Object> live) {
        if (Conditions.workloadGenerationNotObserved(live)) {
            return Health.progressing(WAITING_FOR_CONTROLLER + generation(live));
        }
        Map<String, Object> failure = Conditions.find(live, "ReplicaFailure");
        if (failure != null && "True".equals(failure.get("status"))) {
            return Health.degraded("replicas cannot be created: " + Conditions.describe(failure));
        }
        long wanted = ObjectTree.longAt(live, 1, "spec", "replicas");
        long available = ObjectTree.longAt(live, 0, "status", "availableReplicas");
        if (available < wanted) {
            return Health.progressing(available + " of " + wanted + " replicas available");
        }
        return Health.healthy(wanted + " of " + wanted + " replicas available");
    }

    private static long generation(Map<String, Object> live) {
        return ObjectTree.longAt(live, 0, "metadata", "generation");
    }
}
