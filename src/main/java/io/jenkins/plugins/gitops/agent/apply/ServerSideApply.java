package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

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
 *
 * <p>An object last written by client-side apply is first handed over ({@link ClientSideHandover}),
 * so that fields Git drops later are really removed. Without {@code force}, a field another manager
 * changed fails the object with the fields and their managers in one line.
 */
public record ServerSideApply(String fieldManager, boolean force) implements ApplyStrategy {

    public static final String NAME = "server-side";

    private static final int HANDOVER_ATTEMPTS = 3;

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
        if (live != null) {
            handOver(api, ref, live);
        }
        Map<String, Object> applied;
        try {
            applied = api.serverSideApply(ref, stamped, fieldManager, force);
        } catch (KubernetesClientException e) {
            throw e.getCode() == 409 ? conflict(e) : e;
        }
        return new Applied(live == null ? ApplyResult.Action.CREATED : ApplyResult.Action.CONFIGURED, applied);
    }

    /**
     * Hands the object over from client-side apply. The patch is guarded by the resourceVersion read,
     * and a controller writing the object meanwhile (a new Deployment's revision annotation) fails
     * the guard with 422: the object is then read again and the handover made anew.
     */
    private void handOver(KubeApi api, ObjectRef ref, Map<String, Object> live) {
        Map<String, Object> current = live;
        for (int attempt = 1; current != null; attempt++) {
            List<Map<String, Object>> handover = ClientSideHandover.patch(current, fieldManager);
            if (handover.isEmpty()) {
                return;
            }
            try {
                api.jsonPatch(ref, handover, fieldManager);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 422 || attempt == HANDOVER_ATTEMPTS) {
                    throw e;
                }
                current = api.get(ref);
            }
        }
    }

    /** The server's conflict, one cause per field: {@code .spec.replicas: conflict with "kubectl" with subresource "scale" using apps/v1}. */
    private static KubernetesClientException conflict(KubernetesClientException e) {
        Status status = e.getStatus();
        List<StatusCause> causes = status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                ? List.of() : status.getDetails().getCauses();
        if (causes.isEmpty()) {
            return e;
        }
        String fields = causes.stream().map(cause -> cause.getField() + ": " + cause.getMessage()).collect(Collectors.joining("; "));
        return new KubernetesClientException(new StatusBuilder(status)
                .withMessage("fields Git sets are managed by another manager and conflicts are not forced: " + fields)
                .build());
    }
}
