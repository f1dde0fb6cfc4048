package io.jenkins.plugins.gitops.agent.health;

import io.jenkins.plugins.gitops.agent.apply.ObjectTree;
import java.util.Map;

/**
 * The health of a live object, by kind: a pure function of the object as the API server returned
 * it. Kinds without a rule of their own are judged by a {@code Ready} condition when they have one
 * (the convention of most operators), and are otherwise healthy once they exist.
 */
public final class HealthCheck {

    private HealthCheck() {}

    public static Health of(Map<String, Object> live) {
        if (live == null) {
            return Health.unknown("object does not exist");
        }
        if (ObjectTree.at(live, "metadata", "deletionTimestamp") != null) {
            return Health.progressing("object is being deleted");
        }
        String apiVersion = ObjectTree.textAt(live, "apiVersion");
        String group = apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
        String kind = String.valueOf(live.get("kind"));
        return switch (group + "/" + kind) {
            case "apps/Deployment" -> WorkloadHealth.deployment(live);
            case "apps/StatefulSet" -> WorkloadHealth.statefulSet(live);
            case "apps/DaemonSet" -> WorkloadHealth.daemonSet(live);
            case "apps/ReplicaSet" -> WorkloadHealth.replicaSet(live);
            case "batch/Job" -> BatchHealth.job(live);
            case "batch/CronJob" -> BatchHealth.cronJob(live);
            case "/Pod" -> PodHealth.pod(live);
            case "/PersistentVolumeClaim" -> persistentVolumeClaim(live);
            case "/Service" -> service(live);
            case "networking.k8s.io/Ingress" -> ingress(live);
            default -> byReadyCondition(live);
        };
    }

    private static Health persistentVolumeClaim(Map<String, Object> live) {
        String phase = ObjectTree.textAt(live, "status", "phase");
        if ("Bound".equals(phase)) {
            return Health.healthy("bound to volume " + ObjectTree.textAt(live, "spec", "volumeName"));
        }
        if ("Lost".equals(phase)) {
            return Health.degraded("claim lost its volume " + ObjectTree.textAt(live, "spec", "volumeName"));
        }
        return Health.progressing("waiting for a volume to be bound");
    }

    private static Health service(Map<String, Object> live) {
        if (!"LoadBalancer".equals(ObjectTree.textAt(live, "spec", "type"))) {
            return Health.healthy("service exists");
        }
        return loadBalancer(live, "service");
    }

    private static Health ingress(Map<String, Object> live) {
        return loadBalancer(live, "ingress");
    }

    private static Health loadBalancer(Map<String, Object> live, String what) {
        for (Map<String, Object> ingress : ObjectTree.mapsAt(live, "status", "loadBalancer", "ingress")) {
            Object address = ingress.get("ip") != null ? ingress.get("ip") : ingress.get("hostname");
            if (address != null) {
                return Health.healthy(what + " is reachable at " + address);
            }
        }
        return Health.progressing("waiting for a load balancer address");
    }

    private static Health byReadyCondition(Map<String, Object> live) {
        if (Conditions.generationNotObserved(live)) {
            return Health.progressing("waiting for the controller to observe generation "
                    + ObjectTree.longAt(live, 0, "metadata", "generation"));
        }
        Map<String, Object> ready = Conditions.find(live, "Ready");
        if (ready == null) {
            return Health.healthy("exists");
        }
        String description = Conditions.describe(ready);
        return switch (String.valueOf(ready.get("status"))) {
            case "True" -> Health.healthy(description.isEmpty() ? "ready" : description);
            case "False" -> Health.degraded("not ready" + (description.isEmpty() ? "" : ": " + description));
            default -> Health.progressing("readiness unknown" + (description.isEmpty() ? "" : ": " + description));
        };
    }
}
