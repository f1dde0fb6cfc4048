package io.jenkins.plugins.gitops.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks a desired object and the live one side by side and lists where they differ, looking only at
 * what the desired object sets: anything the server added (defaults, allocated IPs, status) is not a
 * difference. On the way it forgives what the server rewrites: quantities in canonical form, ports
 * as numbers or strings, keyed lists in another order, an empty desired value against nothing. Like
 * a map, a keyed list is compared on the items Git has; an atomic list is compared whole, because
 * applying Git replaces it whole.
 */
final class TreeComparison {

    /** A side that does not have the field at all. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    /**
     * One difference: where (as a pointer into the desired object, and as a {@code managedFields} path),
     * and the two values, either of which may be {@link #ABSENT}.
     */
    record Difference(JsonPointer path, List<String> fields, Object desired, Object live) {}

    /** Fields the server owns or that carry no desired state. */
    private static final Set<JsonPointer> NOT_COMPARED = Set.of(
            JsonPointer.of("apiVersion"),
            JsonPointer.of("kind"),
            JsonPointer.of("status"),
            JsonPointer.of("metadata", "resourceVersion"),
            JsonPointer.of("metadata", "uid"),
            JsonPointer.of("metadata", "generation"),
            JsonPointer.of("metadata", "managedFields"),
            JsonPointer.of("metadata", "creationTimestamp"),
            JsonPointer.of("metadata", "selfLink"),
            JsonPointer.of("metadata", "annotations", SecretMask.LAST_APPLIED));

    /** Maps whose values are all quantities: container resources, quotas, limit ranges, capacities. */
    private static final Set<String> QUANTITY_MAPS = Set.of(
            "limits", "requests", "hard", "capacity", "overhead", "max", "min", "default", "defaultRequest",
            "maxLimitRequestRatio");

    /** Single fields holding a quantity. */
    private static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit", "averageValue");

    private final Predicate<JsonPointer> ignored;
    private final List<Difference> differences = new ArrayList<>();

    private TreeComparison(Predicate<JsonPointer> ignored) {
        this.ignored = ignored;
    }

    /**
     * @param ignored paths whose subtrees are left out, as if Git did not set them: a desired
     *     {@code annotations} map holding only ignored keys then matches a live object without annotations
     */
    static List<Difference> differences(
            Map<String, Object> desired, Map<String, Object> live, Predicate<JsonPointer> ignored) {
        TreeComparison comparison = new TreeComparison(ignored);
        comparison.compare(desired, live, JsonPointer.ROOT, List.of(), "", "");
        return comparison.differences;
    }

    private boolean skipped(JsonPointer path) {
        return NOT_COMPARED.contains(path) || ignored.test(path);
    }

    private void compare(Object desired, Object live, JsonPointer path, List<String> fields, String parent, String key) {
        if (skipped(path) || desired == null) {
            return;
        }
        if (JsonValues.isEmpty(desired) && (live == ABSENT || JsonValues.isEmpty(live))) {
            return;
        }
        if (desired instanceof Map<?, ?> desiredMap && live instanceof Map<?, ?> liveMap) {
            desiredMap.forEach((name, value) -> {
                String field = String.valueOf(name);
                Object liveValue = liveMap.containsKey(field) ? liveMap.get(field) : ABSENT;
                compare(value, liveValue, path.child(field), extend(fields, "f:" + field), key, field);
            });
        } else if (desired instanceof List<?> desiredList && live instanceof List<?> liveList) {
            Optional<List<String>> keyFields = ListKeys.of(key, desiredList);
            if (keyFields.isPresent()) {
                compareByKey(desiredList, liveList, keyFields.get(), path, fields, key);
            } else {
                compareByPosition(desiredList, liveList, path, fields, key);
            }
        } else if (isScalar(desired) && isScalar(live) && live != ABSENT) {
            if (!sameScalar(desired, live, parent, key)) {
                differ(path, fields, desired, live);
            }
        } else {
            differWhole(path, fields, desired, live);
        }
    }

    /**
     * Items pair up by merge key. A live item whose key Git does not have is not drift: applying Git
     * would keep it (it belongs to another field manager, such as a policy engine adding
     * {@code imagePullSecrets}), so reporting it would never end.
     */
    private void compareByKey(
            List<?> desired, List<?> live, List<String> keyFields, JsonPointer path, List<String> fields, String key) {
        Map<String, Object> liveByKey = new HashMap<>();
        for (Object item : live) {
            ListKeys.keyOf(item, keyFields).ifPresent(itemKey -> liveByKey.putIfAbsent(itemKey, item));
        }
        for (int i = 0; i < desired.size(); i++) {
            String itemKey = ListKeys.keyOf(desired.get(i), keyFields).orElseThrow();
            Object liveItem = liveByKey.containsKey(itemKey) ? liveByKey.get(itemKey) : ABSENT;
            compare(desired.get(i), liveItem, path.child(i), extend(fields, "k:" + itemKey), key, "");
        }
    }

    /** Atomic lists: the same length, and item by item the same. */
    private void compareByPosition(List<?> desired, List<?> live, JsonPointer path, List<String> fields, String key) {
        if (desired.size() != live.size()) {
            differWhole(path, fields, desired, live);
            return;
        }
        for (int i = 0; i < desired.size(); i++) {
            compare(desired.get(i), live.get(i), path.child(i), extend(fields, "i:" + i), key, "");
        }
    }

    private static boolean sameScalar(Object desired, Object live, String parent, String key) {
        if (desired instanceof Number left && live instanceof Number right) {
            return JsonValues.render(left).equals(JsonValues.render(right));
        }
        if (isQuantity(parent, key) && Quantity.sameAmount(desired, live)) {
            return true;
        }
        if (ListKeys.INT_OR_STRING.contains(key)) {
            return Objects.equals(intOrString(desired), intOrString(live));
        }
        return Objects.equals(desired, live);
    }

    private static boolean isQuantity(String parent, String key) {
        return QUANTITY_MAPS.contains(parent)
                || QUANTITY_FIELDS.contains(key)
                || (parent.equals("target") && key.equals("value"));
    }

    private static Object intOrString(Object value) {
        return value instanceof Number number ? JsonValues.render(number) : value;
    }

    private void differ(JsonPointer path, List<String> fields, Object desired, Object live) {
        differences.add(new Difference(path, fields, desired, live));
    }

    /** A structure that differs as a whole (absent live, another type, another length), shown without skipped parts. */
    private void differWhole(JsonPointer path, List<String> fields, Object desired, Object live) {
        Object shownDesired = withoutSkipped(desired, path);
        if (live == ABSENT && JsonValues.isEmpty(shownDesired)) {
            return;
        }
        differ(path, fields, shownDesired, live == ABSENT ? ABSENT : withoutSkipped(live, path));
    }

    private Object withoutSkipped(Object value, JsonPointer path) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((name, item) -> {
                JsonPointer child = path.child(String.valueOf(name));
                if (!skipped(child)) {
                    kept.put(String.valueOf(name), withoutSkipped(item, child));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!skipped(path.child(i))) {
                    kept.add(withoutSkipped(list.get(i), path.child(i)));
                }
            }
            return kept;
        }
        return value;
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static List<String> extend(List<String> fields, String element) {
        List<String> longer = new ArrayList<>(fields.size() + 1);
        longer.addAll(fields);
        longer.add(element);
        return longer;
    }
}
