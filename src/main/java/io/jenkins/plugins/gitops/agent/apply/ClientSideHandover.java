package io.jenkins.plugins.gitops.agent.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Taking over an object that was written by client-side apply ({@code kubectl apply}, or this agent
 * with the {@code client-side} strategy) before it is applied server-side.
 *
 * <p>Client-side apply records its writes as {@code Update} entries in {@code managedFields}. A
 * server-side apply of the same values only makes the agent a co-owner of those fields, so a field
 * Git later drops stays: its other owner still holds it. As Flux does, the {@code Update} entries of
 * {@value #KUBECTL_CLIENT_SIDE_APPLY} and of the agent's own manager are handed to the agent's
 * {@code Apply} entry, and the last-applied annotation (stale from then on) is removed, in one JSON
 * patch guarded by the resourceVersion; the apply that follows then removes whatever Git does not set.
 */
final class ClientSideHandover {

    static final String KUBECTL_CLIENT_SIDE_APPLY = "kubectl-client-side-apply";

    private static final String LAST_APPLIED_FIELD = "f:" + ClientSideApply.LAST_APPLIED;

    private ClientSideHandover() {}

    /** The JSON patch operations of the handover; empty when the live object has nothing to hand over. */
    static List<Map<String, Object>> patch(Map<String, Object> live, String manager) {
        List<Map<String, Object>> kept = new ArrayList<>();
        Map<String, Object> applied = null;
        Object handedOverVersion = null;
        Map<String, Object> handedOver = new LinkedHashMap<>();
        for (Map<String, Object> entry : ObjectTree.mapsAt(live, "metadata", "managedFields")) {
            Object name = entry.get("manager");
            boolean mainResource = entry.get("subresource") == null || "".equals(entry.get("subresource"));
            if (manager.equals(name) && "Apply".equals(entry.get("operation")) && mainResource) {
                applied = entry;
            } else if ((manager.equals(name) || KUBECTL_CLIENT_SIDE_APPLY.equals(name))
                    && "Update".equals(entry.get("operation")) && mainResource) {
                union(handedOver, ObjectTree.mapAt(entry, "fieldsV1"));
                handedOverVersion = handedOverVersion == null ? entry.get("apiVersion") : handedOverVersion;
            } else {
                kept.add(entry);
            }
        }
        boolean annotated = ObjectTree.textAt(live, "metadata", "annotations", ClientSideApply.LAST_APPLIED) != null;
        if (handedOver.isEmpty() && !annotated) {
            return List.of();
        }
        List<Map<String, Object>> operations = new ArrayList<>();
        operations.add(operation("test", "/metadata/resourceVersion", ObjectTree.at(live, "metadata", "resourceVersion")));
        if (!handedOver.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            union(fields, ObjectTree.mapAt(applied, "fieldsV1"));
            union(fields, handedOver);
            Map<String, Object> annotations = ObjectTree.mapAt(fields, "f:metadata", "f:annotations");
            if (annotations != null) {
                annotations.remove(LAST_APPLIED_FIELD);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("manager", manager);
            entry.put("operation", "Apply");
            entry.put("apiVersion", applied == null ? handedOverVersion : applied.get("apiVersion"));
            entry.put("fieldsType", "FieldsV1");
            entry.put("fieldsV1", fields);
            kept.add(entry);
            operations.add(operation("replace", "/metadata/managedFields", kept));
        }
        if (annotated) {
            operations.add(Map.of("op", "remove", "path",
                    "/metadata/annotations/" + ClientSideApply.LAST_APPLIED.replace("~", "~0").replace("/", "~1")));
        }
        return operations;
    }

    private static Map<String, Object> operation(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    /** Adds every field of {@code fields} to {@code into} (field sets nest as maps). */
    @SuppressWarnings("unchecked")
    private static void union(Map<String, Object> into, Map<String, Object> fields) {
        if (fields == null) {
            return;
        }
        fields.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> map && value instanceof Map<?, ?> more) {
                union((Map<String, Object>) map, (Map<String, Object>) more);
            } else if (existing == null) {
                into.put(key, ObjectTree.copy(value));
            }
        });
    }
}
