package io.jenkins.plugins.gitops.agent.apply;

import java.util.List;
import java.util.Map;

/**
 * Reads the field ownership server-side apply records in {@code metadata.managedFields}. A field
 * this agent applied before and no longer sets is removed only by applying again, and a live object
 * that still has every desired value does not show it; its ownership record does.
 */
final class ManagedFields {

    private ManagedFields() {}

    /** Whether {@code manager}'s applied fields include one the desired object no longer sets. */
    static boolean ownsFieldsOutside(Map<String, Object> live, String manager, Map<String, Object> desired) {
        for (Map<String, Object> entry : ObjectTree.mapsAt(live, "metadata", "managedFields")) {
            boolean mine = manager.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"))
                    && (entry.get("subresource") == null || "".equals(entry.get("subresource")));
            Map<String, Object> fields = ObjectTree.mapAt(entry, "fieldsV1");
            if (mine && fields != null && missing(fields, desired)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a field set (fieldsV1: {@code f:} fields, {@code k:} keyed items, {@code v:} values, {@code i:} indexes) reaches outside {@code node}. */
    private static boolean missing(Map<String, Object> fields, Object node) {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String key = field.getKey();
            Map<String, Object> nested = ObjectTree.mapAt(fields, key);
            Object child;
            if (key.equals(".")) {
                continue;
            } else if (key.startsWith("f:")) {
                if (!(node instanceof Map<?, ?> map) || !map.containsKey(key.substring(2))) {
                    return true;
                }
                child = map.get(key.substring(2));
            } else if (key.startsWith("k:")) {
                child = keyedItem(node, Json.readObject(key.substring(2)));
            } else if (key.startsWith("v:")) {
                if (!(node instanceof List<?> list) || list.stream().noneMatch(item -> ObjectTree.same(item, jsonValue(key.substring(2))))) {
                    return true;
                }
                continue;
            } else if (key.startsWith("i:")) {
                int index = Integer.parseInt(key.substring(2));
                child = node instanceof List<?> list && index < list.size() ? list.get(index) : null;
            } else {
                continue;
            }
            if (child == null || nested != null && !nested.isEmpty() && missing(nested, child)) {
                return true;
            }
        }
        return false;
    }

    private static Object keyedItem(Object node, Map<String, Object> keys) {
        if (keys == null || !(node instanceof List<?> list)) {
            return null;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> map
                    && keys.entrySet().stream().allMatch(key -> ObjectTree.same(map.get(key.getKey()), key.getValue()))) {
                return item;
            }
        }
        return null;
    }

    private static Object jsonValue(String text) {
        Map<String, Object> wrapped = Json.readObject("{\"v\":" + text + "}");
        return wrapped == null ? text : wrapped.get("v");
    }
}
