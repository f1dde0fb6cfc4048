package io.jenkins.plugins.gitops.agent.health;

import io.jenkins.plugins.gitops.agent.apply.ObjectTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod's phase, readiness and the waiting reasons that mean it will not get better by itself. */
final class PodHealth {

    /** Waiting reasons a pod does not recover from without a change (image, config, a crashing process). */
    private static final Set<String> STUCK = Set.of(
            "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError",
            "CreateContainerError", "RunContainerError", "ErrImageNeverPull");

    private PodHealth() {}

    static Health pod(Map<String, Object> live) {
        String phase = ObjectTree.textAt(live, "status", "phase");
        if ("Succeeded".equals(phase)) {
            return Health.healthy("pod completed");
        }
        List<Map<String, Object>> statuses = new ArrayList<>(ObjectTree.mapsAt(live, "status", "initContainerStatuses"));
        statuses.addAll(ObjectTree.mapsAt(live, "status", "containerStatuses"));
        for (Map<String, Object> container : statuses) {
            String reason = ObjectTree.textAt(container, "state", "waiting", "reason");
            if (reason != null && STUCK.contains(reason)) {
                String message = ObjectTree.textAt(container, "state", "waiting", "message");
                return Health.degraded("container " + container.get("name") + ": " + reason
                        + (message == null ? "" : ": " + message));
            }
        }
        if ("Failed".equals(phase)) {
            String reason = ObjectTree.textAt(live, "status", "reason");
            String message = ObjectTree.textAt(live, "status", "message");
            return Health.degraded("pod failed" + (reason == null ? "" : ": " + reason)
                    + (message == null ? "" : ": " + message));
        }
        if ("Pending".equals(phase)) {
            Map<String, Object> scheduled = Conditions.find(live, "PodScheduled");
            return scheduled != null && "False".equals(scheduled.get("status"))
                    ? Health.progressing("pod is not scheduled: " + Conditions.describe(scheduled))
                    : Health.progressing("pod is pending");
        }
        if ("Running".equals(phase)) {
            if (Conditions.isTrue(live, "Ready")) {
                return Health.healthy("pod is running and ready");
            }
            Map<String, Object> ready = Conditions.find(live, "Ready");
            return Health.progressing("pod is running, not ready"
                    + (ready == null || Conditions.describe(ready).isEmpty() ? "" : ": " + Conditions.describe(ready)));
        }
        return Health.unknown(phase == null ? "pod has no phase yet" : "pod phase is " + phase);
    }
}
