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
 *
 * <p>With a rendition (the object as the server would store the desired one: a dry-run apply, or
 * the live object itself when it provably holds what was applied), the rendition is walked along,
 * paired the same way, and a difference between Git and live counts only where the rendition and
 * the live object differ too, absent on both sides being equal. So what the server makes of Git's
 * text (a zero value it omits, {@code 0.5} as {@code 500m}) is never a difference, while a live
 * value Git's says otherwise of still is.
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
    private final boolean rendered;
    private final List<Difference> differences = new ArrayList<>();

    private TreeComparison(Predicate<JsonPointer> ignored, boolean rendered) {
        this.ignored = ignored;
        this.rendered = rendered;
    }

    /**
     * @param rendition the object as the server renders the desired one, or null to judge by the
     *     normalisations alone
     * @param ignored paths whose subtrees are left out, as if Git did not set them: a desired
     *     {@code annotations} map holding only ignored keys then matches a live object without annotations
     */
    static List<Difference> differences(Map<String, Object> desired, Map<String, Object> live,
            Map<String, Object> rendition, Predicate<JsonPointer> ignored) {
        TreeComparison comparison = new TreeComparison(ignored, rendition != null);
        comparison.compare(desired, live, rendition == null ? ABSENT : rendition, JsonPointer.ROOT, List.of(), "", "");
        return comparison.differences;
    }

    private boolean skipped(JsonPointer path) {
        return NOT_COMPARED.contains(path) || ignored.test(path);
    }

    private void compare(
            Object desired, Object live, Object rendition, JsonPointer path, List<String> fields, String parent, String key) {
        if (skipped(path) || desired == null) {
            return;
        }
        if (JsonValues.isEmpty(desired) && (live == ABSENT || JsonValues.isEmpty(live))) {
            return;
        }
        if (desired instanceof Map<?, ?> desiredMap && live instanceof Map<?, ?> liveMap) {
            desiredMap.forEach((name, value) -> {
                String field = String.valueOf(name);
                compare(value, child(liveMap, field), rendition instanceof Map<?, ?> renditionMap ? child(renditionMap, field) : ABSENT,
                        path.child(field), extend(fields, "f:" + field), key, field);
            });
        } else if (desired instanceof List<?> desiredList && live instanceof List<?> liveList) {
            List<?> renditionList = rendition instanceof List<?> list ? list : List.of();
            Optional<List<String>> keyFields = ListKeys.of(key, desiredList);
            if (keyFields.isPresent()) {
                compareByKey(desiredList, liveList, renditionList, keyFields.get(), path, fields, key);
            } else {
                compareByPosition(desiredList, liveList, rendition, path, fields, key);
            }
        } else if (isScalar(desired) && isScalar(live) && live != ABSENT) {
            if (!sameScalar(desired, live, parent, key)) {
                differ(path, fields, desired, live, rendition);
            }
        } else {
            differWhole(path, fields, desired, live, rendition);
        }
    }

    private static Object child(Map<?, ?> map, String field) {
        return map.containsKey(field) ? map.get(field) : ABSENT;
    }

    /**
     * Items pair up by merge key. A live item whose key Git does not have is not drift: applying Git
     * would keep it (it belongs to another field manager, such as a policy engine adding
     * {@code imagePullSecrets}), so reporting it would never end.
     */
    private void compareByKey(List<?> desired, List<?> live, List<?> rendition, List<String> keyFields, JsonPointer path,
            List<String> fields, String key) {
        Map<String, Object> liveByKey = byKey(live, keyFields);
        Map<String, Object> renditionByKey = byKey(rendition, keyFields);
        for (int i = 0; i < desired.size(); i++) {
            String itemKey = ListKeys.keyOf(desired.get(i), keyFields).orElseThrow();
            compare(desired.get(i), child(liveByKey, itemKey), child(renditionByKey, itemKey), path.child(i),
                    extend(fields, "k:" + itemKey), key, "");
        }
    }

    private static Map<String, Object> byKey(List<?> items, List<String> keyFields) {
        Map<String, Object> byKey = new HashMap<>();
        for (Object item : items) {
            ListKeys.keyOf(item, keyFields).ifPresent(itemKey -> byKey.putIfAbsent(itemKey, item));
        }
        return byKey;
    }

    /** Atomic lists: the same length, and item by item the same. */
    private void compareByPosition(
            List<?> desired, List<?> live, Object rendition, JsonPointer path, List<String> fields, String key) {
        if (desired.size() != live.size()) {
            differWhole(path, fields, desired, live, rendition);
            return;
        }
        for (int i = 0; i < desired.size(); i++) {
            Object renditionItem = rendition instanceof List<?> list && i < list.size() ? list.get(i) : ABSENT;
            compare(desired.get(i), live.get(i), renditionItem, path.child(i), extend(fields, "i:" + i), key, "");
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

    /** Records a difference unless the server renders Git's value as the live one. */
    private void differ(JsonPointer path, List<String> fields, Object desired, Object live, Object rendition) {
        if (rendered && JsonValues.same(withoutSkipped(rendition, path), withoutSkipped(live, path))) {
            return;
        }
        differences.add(new Difference(path, fields, desired, live));
    }

    /** A structure that differs as a whole (absent live, another type, another length), shown without skipped parts. */
    private void differWhole(JsonPointer path, List<String> fields, Object desired, Object live, Object rendition) {
        Object shownDesired = withoutSkipped(desired, path);
        if (live == ABSENT && JsonValues.isEmpty(shownDesired)) {
            return;
        }
        differ(path, fields, shownDesired, live == ABSENT ? ABSENT : withoutSkipped(live, path), rendition);
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
