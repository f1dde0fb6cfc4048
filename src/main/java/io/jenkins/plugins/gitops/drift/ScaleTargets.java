package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The workloads that HorizontalPodAutoscalers scale, whose {@code /spec/replicas} Git does not decide. */
public final class ScaleTargets {

    private ScaleTargets() {}

    /**
     * The {@code spec.scaleTargetRef} of each autoscaler, in the autoscaler's namespace.
     *
     * @param autoscalers live HorizontalPodAutoscaler objects as parsed JSON
     * @throws IllegalArgumentException naming an autoscaler without a complete {@code scaleTargetRef}
     */
    public static Set<ResourceId> of(Collection<? extends Map<String, Object>> autoscalers) {
        Set<ResourceId> targets = new HashSet<>();
        for (Map<String, Object> autoscaler : autoscalers) {
            Map<?, ?> metadata = autoscaler.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
            Map<?, ?> spec = autoscaler.get("spec") instanceof Map<?, ?> map ? map : Map.of();
            Map<?, ?> target = spec.get("scaleTargetRef") instanceof Map<?, ?> map ? map : Map.of();
            Object namespace = metadata.get("namespace");
            if (!(target.get("apiVersion") instanceof String apiVersion)
                    || !(target.get("kind") instanceof String kind)
                    || !(target.get("name") instanceof String name)) {
                throw new IllegalArgumentException("HorizontalPodAutoscaler " + namespace + "/" + metadata.get("name")
                        + " has no complete spec.scaleTargetRef (apiVersion, kind, name)");
            }
            targets.add(ResourceId.of(apiVersion, kind, namespace == null ? "" : namespace.toString(), name));
        }
        return Set.copyOf(targets);
    }
}
