package io.jenkins.plugins.gitops.agent.apply;

import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply: the whole desired object is sent as an apply patch under the agent's field
 * manager, and the API server merges it field by field, removing fields this manager applied before
 * and no longer sets. With {@code force}, fields another manager owns are taken over instead of
 * failing with a conflict.
 *
 * <p>The object is sent stamped with the digest of its configuration, and the write is skipped
 * when the live object still holds that configuration as this manager applied it
 * ({@link AppliedConfiguration#intact}): defaults, canonical quantities and fields other managers
 * add do not make an unchanged object look changed.
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
        Map<String, Object> stamped = AppliedConfiguration.stamped(desired);
        if (AppliedConfiguration.intact(live, stamped, fieldManager)) {
            return new Applied(ApplyResult.Action.UNCHANGED, live);
        }
        Map<String, Object> applied = api.serverSideApply(ref, stamped, fieldManager, force);
        return new Applied(live == null ? ApplyResult.Action.CREATED : ApplyResult.Action.CONFIGURED, applied);
    }
}
