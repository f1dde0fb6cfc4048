package io.jenkins.plugins.gitops.agent.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kubectl-style three-way JSON merge patch: from what was applied last time (original), what
 * is wanted now (modified) and what the server holds (current).
 *
 * <ul>
 *   <li>A field in modified whose value differs from current is set; maps are merged field by
 *       field, lists are replaced whole (JSON merge patch cannot address list elements). A field
 *       Git did not change since original is judged by {@link ObjectTree#covers}, so the defaults the
 *       server adds inside list items, the zero and empty values it does not store and quantities
 *       in its canonical form do not send it again.
 *   <li>A field in original but no longer in modified is removed (set to null), but only when
 *       current still has it.
 *   <li>A field only current has (server defaults, status, other writers) is left alone: this
 *       applier never owned it.
 * </ul>
 * An empty result means nothing to send.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {}

    public static Map<String, Object> patch(
            Map<String, Object> original, Map<String, Object> modified, Map<String, Object> current) {
        Map<String, Object> patch = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : modified.entrySet()) {
            String key = entry.getKey();
            Object wanted = entry.getValue();
            Object live = current.get(key);
            if (wanted instanceof Map<?, ?> && live instanceof Map<?, ?>) {
                Map<String, Object> nested = patch(asMap(original.get(key)), asMap(wanted), asMap(live));
                if (!nested.isEmpty()) {
                    patch.put(key, nested);
                }
            } else if (ObjectTree.same(original.get(key), wanted) ? !ObjectTree.covers(live, wanted) : !ObjectTree.same(wanted, live)) {
                patch.put(key, ObjectTree.copy(wanted));
            }
        }
        for (String key : original.keySet()) {
            if (!modified.containsKey(key) && current.get(key) != null) {
                patch.put(key, null);
            }
        }
        return patch;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
