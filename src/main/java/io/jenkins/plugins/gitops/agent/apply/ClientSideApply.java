package io.jenkins.plugins.gitops.agent.apply;

import java.util.Map;
import java.util.Objects;

/**
 * Client-side apply as kubectl does it: each object carries the configuration applied last in the
 * annotation {@value #LAST_APPLIED}; a change is sent as the {@link ThreeWayMerge three-way JSON
 * merge patch} of that configuration, the desired object and the live one, and an absent object is
 * created. Both writes name {@code fieldManager}, so {@code managedFields} tells the agent's changes
 * from others'. For API servers (and test servers) without server-side apply.
 */
public record ClientSideApply(String fieldManager) implements ApplyStrategy {

    public static final String NAME = "client-side";

    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    public ClientSideApply {
        Objects.requireNonNull(fieldManager, "fieldManager");
        if (fieldManager.isBlank()) {
            throw new IllegalArgumentException("the field manager must not be blank");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Applied apply(KubeApi api, ObjectRef ref, Map<String, Object> desired, Map<String, Object> live) {
        Map<String, Object> modified = withLastApplied(desired);
        if (live == null) {
            return new Applied(ApplyResult.Action.CREATED, api.create(ref, modified, fieldManager));
        }
        Map<String, Object> patch = ThreeWayMerge.patch(lastApplied(live), modified, live);
        if (patch.isEmpty()) {
            return new Applied(ApplyResult.Action.UNCHANGED, live);
        }
        return new Applied(ApplyResult.Action.CONFIGURED, api.mergePatch(ref, patch, fieldManager));
    }

    /** The desired object annotated with its own JSON, the way kubectl records it. */
    static Map<String, Object> withLastApplied(Map<String, Object> desired) {
        return ObjectTree.annotatedWith(desired, LAST_APPLIED, Json::write);
    }

    /** The configuration recorded on the live object, or an empty one (nothing to remove) when absent or unreadable. */
    static Map<String, Object> lastApplied(Map<String, Object> live) {
        String recorded = ObjectTree.textAt(live, "metadata", "annotations", LAST_APPLIED);
        Map<String, Object> original = recorded == null ? null : Json.readObject(recorded);
        return original == null ? Map.of() : original;
    }
}
