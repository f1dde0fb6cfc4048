package io.jenkins.plugins.gitops.drift;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who last set a field of a live object, read from its {@code metadata.managedFields}. Paths are in
 * {@code fieldsV1} form: {@code f:spec}, {@code f:containers}, {@code k:{"name":"web"}}, {@code f:image}.
 * A manager owns a path when its set holds the path itself, holds an ancestor as a leaf (an atomic
 * field such as {@code f:args: {}}), or holds an ancestor list item with {@code "."}. The deepest
 * ownership wins; between equally deep owners, the latest {@code time}.
 */
final class FieldOwnership {

    /** Who set a field and when; the time is null when the entry had none. */
    record Owner(String manager, Instant time) {}

    private record ManagerSet(String manager, Instant time, Map<String, Object> fields) {}

    private static final Comparator<Instant> NULL_TIME_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final List<ManagerSet> sets;

    private FieldOwnership(List<ManagerSet> sets) {
        this.sets = sets;
    }

    /** The ownership recorded in a live object; entries without a {@code fieldsV1} map are passed over. */
    static FieldOwnership of(Map<String, Object> live) {
        List<ManagerSet> sets = new ArrayList<>();
        if (live != null && live.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("managedFields") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> fields && fields.get("fieldsV1") instanceof Map<?, ?> set) {
                    Object manager = fields.get("manager");
                    sets.add(new ManagerSet(
                            manager == null ? "" : manager.toString(), time(fields.get("time")), canonical(set)));
                }
            }
        }
        return new FieldOwnership(sets);
    }

    Optional<Owner> ownerOf(List<String> path) {
        ManagerSet best = null;
        int bestDepth = 0;
        for (ManagerSet set : sets) {
            int depth = ownedDepth(set.fields(), path);
            if (depth > bestDepth
                    || (depth == bestDepth && depth > 0 && NULL_TIME_FIRST.compare(set.time(), best.time()) > 0)) {
                best = set;
                bestDepth = depth;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Owner(best.manager(), best.time()));
    }

    /** How much of {@code path} the set owns, 0 for none. */
    private static int ownedDepth(Map<String, Object> fields, List<String> path) {
        int owned = 0;
        Map<?, ?> node = fields;
        for (int depth = 0; depth <= path.size(); depth++) {
            if (depth == path.size() || (depth > 0 && node.isEmpty())) {
                return depth;
            }
            if (depth > 0 && node.containsKey(".")) {
                owned = depth;
            }
            if (!(node.get(path.get(depth)) instanceof Map<?, ?> next)) {
                break;
            }
            node = next;
        }
        return owned;
    }

    /** Re-renders {@code k:} and {@code v:} keys the way {@link ListKeys} and {@link JsonValues} render them. */
    private static Map<String, Object> canonical(Map<?, ?> set) {
        Map<String, Object> copy = new LinkedHashMap<>();
        set.forEach((key, value) -> copy.put(
                canonicalKey(String.valueOf(key)), value instanceof Map<?, ?> child ? canonical(child) : Map.of()));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static String canonicalKey(String key) {
        if (!key.startsWith("k:") && !key.startsWith("v:")) {
            return key;
        }
        try {
            Object value = JsonValues.parse(key.substring(2));
            return key.startsWith("k:") && value instanceof Map<?, ?> fields
                    ? "k:" + ListKeys.render((Map<String, Object>) fields)
                    : key.substring(0, 2) + JsonValues.render(value);
        } catch (IllegalArgumentException notJson) {
            return key;
        }
    }

    private static Instant time(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
