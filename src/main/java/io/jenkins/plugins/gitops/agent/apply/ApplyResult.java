package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * What one apply did to each object, and the live objects afterwards (for health).
 *
 * @param revision the revision applied
 * @param outcomes one per desired object, in apply order, then one per pruned (or kept) object
 * @param live the objects of the revision as the server returned them, by id; absent for those
 *     that failed or were not applied
 */
public record ApplyResult(String revision, List<Outcome> outcomes, Map<ResourceId, Map<String, Object>> live) {

    public ApplyResult {
        outcomes = List.copyOf(outcomes);
        live = Map.copyOf(live);
    }

    public enum Action {
        CREATED,
        CONFIGURED,
        /** Deleted and created again because it carries {@code gitops.jenkins.io/replace: enabled} and an immutable field changed. */
        REPLACED,
        UNCHANGED,
        PRUNED,
        /** Left in the cluster because it carries {@code gitops.jenkins.io/prune: disabled}, and dropped from the inventory. */
        PRUNE_DISABLED,
        /**
         * Dropped from the revision but not pruned, for the reason the message gives, which also says whether it stays
         * in the inventory: a Namespace or CustomResourceDefinition not allowed to be pruned or holding objects the
         * agent is not pruning, an object someone else created again under the name, a kind the server does not serve.
         */
        KEPT,
        FAILED,
        /** Not attempted because an object in an earlier apply group failed. */
        NOT_APPLIED
    }

    /**
     * @param id the object
     * @param action what happened
     * @param message one line: why it failed, was not applied, was replaced or was kept; empty otherwise
     * @param source where it was written, or null for an object that is only in the inventory
     */
    public record Outcome(ResourceId id, Action action, String message, SourceLocation source) {

        /** {@code apps/Deployment/shop/web: Forbidden (403): ...}. */
        @Override
        public String toString() {
            return message.isEmpty() ? id + ": " + action : id + ": " + message;
        }
    }

    /** True when every object was applied and every prune candidate was handled. */
    public boolean succeeded() {
        return outcomes.stream().noneMatch(outcome -> outcome.action() == Action.FAILED);
    }

    /** One line per failure, each naming the object. */
    public List<String> errors() {
        return outcomes.stream()
                .filter(outcome -> outcome.action() == Action.FAILED)
                .map(Outcome::toString)
                .toList();
    }

    public long count(Action action) {
        return outcomes.stream().filter(outcome -> outcome.action() == action).count();
    }
}
