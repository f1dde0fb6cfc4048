package io.jenkins.plugins.gitops.agent.apply;

import java.util.Map;

/**
 * How one object is brought to its desired state. Both strategies skip the write when the live
 * object already matches, so a reconcile with nothing to do sends no writes.
 */
public sealed interface ApplyStrategy permits ServerSideApply, ClientSideApply {

    /** The field manager the agent writes as unless told otherwise. */
    String DEFAULT_FIELD_MANAGER = "gitops-agent";

    /** {@code server-side} or {@code client-side}, as in the agent's configuration. */
    String name();

    /**
     * The strategy of that name; a one-line error for any other name.
     *
     * @param force with server-side apply, take over fields another manager owns instead of failing with a conflict
     */
    static ApplyStrategy named(String name, String fieldManager, boolean force) {
        return switch (name) {
            case ServerSideApply.NAME -> new ServerSideApply(fieldManager, force);
            case ClientSideApply.NAME -> new ClientSideApply(fieldManager);
            default -> throw new IllegalArgumentException(
                    "unknown apply strategy '" + name + "': use " + ServerSideApply.NAME + " or " + ClientSideApply.NAME);
        };
    }

    /**
     * Writes {@code desired} if needed.
     *
     * @param live the object as the server holds it, or null when there is none
     */
    Applied apply(KubeApi api, ObjectRef ref, Map<String, Object> desired, Map<String, Object> live);

    /** What a strategy did and the object the server holds afterwards. */
    record Applied(ApplyResult.Action action, Map<String, Object> live) {}
}
