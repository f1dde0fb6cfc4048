package io.jenkins.plugins.gitops.agent.health;

import io.jenkins.plugins.gitops.agent.apply.ObjectTree;
import java.util.Map;

/** Reading {@code status.conditions} and the generation a controller has seen. */
final class Conditions {

    private Conditions() {}

    /** The condition of that type, or null. */
    static Map<String, Object> find(Map<String, Object> live, String type) {
        for (Map<String, Object> condition : ObjectTree.mapsAt(live, "status", "conditions")) {
            if (type.equals(condition.get("type"))) {
                return condition;
            }
        }
        return null;
    }

    static boolean isTrue(Map<String, Object> live, String type) {
        Map<String, Object> condition = find(live, type);
        return condition != null && "True".equals(condition.get("status"));
    }

    /** {@code reason: message} of a condition, leaving out what is missing. */
    static String describe(Map<String, Object> condition) {
        String reason = condition.get("reason") instanceof String text ? text : "";
        String message = condition.get("message") instanceof String text ? text : "";
        if (reason.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? reason : reason + ": " + message;
    }

    /**
     * Whether the controller has not yet seen the latest spec ({@code status.observedGeneration} behind
     * {@code metadata.generation}); only when both are present.
     */
    static boolean generationNotObserved(Map<String, Object> live) {
        return ObjectTree.hasNumber(live, "metadata", "generation")
                && ObjectTree.hasNumber(live, "status", "observedGeneration")
                && ObjectTree.longAt(live, 0, "status", "observedGeneration")
                        < ObjectTree.longAt(live, 0, "metadata", "generation");
    }

    /** Like {@link #generationNotObserved} but a missing status counts as not observed (workload controllers always write it). */
    static boolean workloadGenerationNotObserved(Map<String, Object> live) {
        return ObjectTree.longAt(live, 0, "status", "observedGeneration")
                < ObjectTree.longAt(live, 0, "metadata", "generation");
    }
}
