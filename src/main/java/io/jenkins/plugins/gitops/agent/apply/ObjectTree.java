package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.drift.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reading and comparing Kubernetes objects held as plain trees (maps, lists, strings, numbers,
 * booleans, null), the shape both the YAML renderer and a JSON decoder produce.
 */
public final class ObjectTree {

    /** The form the server writes quantities in: a whole number and a suffix, so other strings never pass as amounts. */
    private static final Pattern CANONICAL_QUANTITY = Pattern.compile("-?[0-9]+([eE][0-9]+|[KMGTPE]i|[numkMGTPE])?");

    private ObjectTree() {}

    /** The value at a path of map keys, or null when any step is missing or not a map. */
    public static Object at(Map<String, Object> tree, String... path) {
        Object node = tree;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    /** The map at a path, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapAt(Map<String, Object> tree, String... path) {
        return at(tree, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** The maps in the list at a path; empty when absent. Non-map elements are left out. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> mapsAt(Map<String, Object> tree, String... path) {
        List<Map<String, Object>> maps = new ArrayList<>();
        if (at(tree, path) instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    maps.add((Map<String, Object>) map);
                }
            }
        }
        return maps;
    }

    /** The text at a path, or null when absent or not text. */
    public static String textAt(Map<String, Object> tree, String... path) {
        return at(tree, path) instanceof String text ? text : null;
    }

    /** The whole number at a path, or the fallback when absent or not a number. */
    public static long longAt(Map<String, Object> tree, long fallback, String... path) {
        return at(tree, path) instanceof Number number ? number.longValue() : fallback;
    }

    /** Whether a path holds a number at all (so "absent" and "0" can be told apart). */
    public static boolean hasNumber(Map<String, Object> tree, String... path) {
        return at(tree, path) instanceof Number;
    }

    /** Equality of two trees where numbers compare by value: YAML's 3 and JSON's 3L are one value. */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /**
     * Whether every field the desired tree sets has that value in the live tree. Fields only the live
     * tree has (server defaults, other managers' fields, status) do not matter; list elements are
     * compared position by position, so a defaulted field inside a container does not count either.
     * A desired zero value ({@code false}, {@code 0}, {@code ""}, an empty map or list) is covered by
     * an absent one: the server leaves zero values of optional fields out of what it returns. A
     * quantity is covered by the same amount in the server's canonical form ({@code 0.5} by
     * {@code 500m}, {@code 1024Mi} by {@code 1Gi}).
     */
    public static boolean covers(Object live, Object desired) {
        if (live == null && isZero(desired)) {
            return true;
        }
        if (live instanceof String text && CANONICAL_QUANTITY.matcher(text).matches() && Quantity.sameAmount(live, desired)) {
            return true;
        }
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                return false;
            }
            for (Map.Entry<?, ?> entry : want.entrySet()) {
                if (!covers(have.get(entry.getKey()), entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have) || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!covers(have.get(i), want.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return same(live, desired);
    }

    private static boolean isZero(Object value) {
        return Boolean.FALSE.equals(value) || "".equals(value) || (value instanceof Number number && decimal(number).signum() == 0)
                || (value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof List<?> list && list.isEmpty());
    }

    /**
     * A copy of {@code object} annotated {@code key}, whose value is computed from the copy without that
     * annotation (an object recording something about itself: its digest, its own configuration).
     */
    static Map<String, Object> annotatedWith(Map<String, Object> object, String key, Function<Map<String, Object>, String> value) {
        Map<String, Object> copy = copy(object);
        Map<String, Object> metadata = mapAt(copy, "metadata");
        if (metadata == null) {
            metadata = new LinkedHashMap<>();
            copy.put("metadata", metadata);
        }
        Map<String, Object> annotations = mapAt(metadata, "annotations");
        if (annotations != null) {
            annotations.remove(key);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        String computed = value.apply(copy);
        annotations = mapAt(metadata, "annotations");
        if (annotations == null) {
            annotations = new LinkedHashMap<>();
            metadata.put("annotations", annotations);
        }
        annotations.put(key, computed);
        return copy;
    }

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, copy(value)));
            return (T) copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(value -> copy.add(copy(value)));
            return (T) copy;
        }
        return tree;
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal big ? big : new BigDecimal(number.toString());
    }
}
