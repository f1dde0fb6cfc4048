package io.jenkins.plugins.gitops.agent.apply;

import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply: the whole desired object is sent as an apply patch under the agent's field
 * manager, and the API server merges it field by field, removing fields this manager applied before
 * and no longer sets. With {@code force}, fields another manager owns are taken over instead of
 * failing with a conflict.
 *
 * <p>The write is skipped when every field the desired object sets already has that value live
 * and this field manager owns no field the desired object dropped. A value the server rewrites in canonical form (a quantity like {@code 0.5} read back as
 * {@code 500m}) makes that check fail, and the object is applied again each time; the server
 * then changes nothing.
 */
public record ServerSideApply(String fieldManager, boolean force) implements ApplyStrategy {

    public static final String NAME = "server-side";

    public ServerSideApply {
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
        if (live != null && ObjectTree.covers(live, desired) && !ManagedFields.ownsFieldsOutside(live, fieldManager, desired)) {
            return new Applied(ApplyResult.Action.UNCHANGED, live);
        }
        Map<String, Object> applied = api.serverSideApply(ref, desired, fieldManager, force);
        return new Applied(live == null ? ApplyResult.Action.CREATED : ApplyResult.Action.CONFIGURED, applied);
    }
}
