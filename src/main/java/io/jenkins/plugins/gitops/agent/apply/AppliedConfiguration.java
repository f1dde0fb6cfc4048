package io.jenkins.plugins.gitops.agent.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Whether a live object still holds the configuration the agent applied, untouched by anyone else,
 * told without comparing values (which the server defaults and rewrites) and without a request.
 *
 * <p>Each object is applied with the annotation {@value #DIGEST_ANNOTATION}, the SHA-256 of its
 * desired configuration. A server-side apply makes the field manager the owner of exactly the
 * fields it sent, and any later write by another manager that changes or removes one of them takes
 * that field out of the agent's set in {@code metadata.managedFields}. So when the digest is the
 * desired one and the agent's {@code Apply} entry still holds every field the desired object sets,
 * the live values are what the server made of that configuration: applying it again changes nothing.
 */
public final class AppliedConfiguration {

    public static final String DIGEST_ANNOTATION = "gitops.jenkins.io/applied-digest";

    /** Fields the server keeps out of every field set. */
    private static final Set<String> UNOWNED_TOP_LEVEL = Set.of("apiVersion", "kind", "status");

    private static final Set<String> UNOWNED_METADATA = Set.of(
            "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink");

    private AppliedConfiguration() {}

    /** A copy of {@code desired} carrying the digest of its content (any digest it had left out). */
    public static Map<String, Object> stamped(Map<String, Object> desired) {
        return ObjectTree.annotatedWith(desired, DIGEST_ANNOTATION, AppliedConfiguration::digest);
    }

    /**
     * Whether {@code live} holds {@code stamped} as {@code manager} last applied it: the same digest,
     * and the manager's {@code Apply} entry for that apiVersion owns every field {@code stamped} sets.
     */
    public static boolean intact(Map<String, Object> live, Map<String, Object> stamped, String manager) {
        if (live == null) {
            return false;
        }
        String wanted = ObjectTree.textAt(stamped, "metadata", "annotations", DIGEST_ANNOTATION);
        if (wanted == null || !wanted.equals(ObjectTree.textAt(live, "metadata", "annotations", DIGEST_ANNOTATION))) {
            return false;
        }
        Object apiVersion = stamped.get("apiVersion");
        for (Map<String, Object> entry : ObjectTree.mapsAt(live, "metadata", "managedFields")) {
            boolean mine = manager.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"))
                    && (entry.get("subresource") == null || "".equals(entry.get("subresource")))
                    && (apiVersion == null || apiVersion.equals(entry.get("apiVersion")));
            Map<String, Object> fields = ObjectTree.mapAt(entry, "fieldsV1");
            if (mine && fields != null) {
                return ownsAll(fields, topLevel(stamped));
            }
        }
        return false;
    }

    private static Map<String, Object> topLevel(Map<String, Object> object) {
        Map<String, Object> owned = new LinkedHashMap<>(object);
        UNOWNED_TOP_LEVEL.forEach(owned::remove);
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> ownedMetadata = new LinkedHashMap<>();
            metadata.forEach((key, value) -> {
                if (!UNOWNED_METADATA.contains(String.valueOf(key))) {
                    ownedMetadata.put(String.valueOf(key), value);
                }
            });
            owned.put("metadata", ownedMetadata);
        }
        return owned;
    }

    /**
     * Whether a field set ({@code f:} fields, {@code k:} keyed items, {@code v:} set values; an empty
     * set below a field owns it whole) holds every field of {@code node}. An empty desired value owns
     * nothing the server would keep, so it is not asked for; a key field the desired item leaves
     * out (the server's {@code protocol: TCP}) matches any value, each item claiming an entry of its own.
     */
    private static boolean ownsAll(Map<String, Object> fields, Object node) {
        if (fields.isEmpty() || isEmpty(node)) {
            return true;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (isEmpty(field.getValue())) {
                    continue;
                }
                Map<String, Object> child = ObjectTree.mapAt(fields, "f:" + field.getKey());
                if (child == null || !ownsAll(child, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof List<?> list) {
            List<List<String>> candidates = list.stream().map(item -> itemKeys(fields, item)).toList();
            List<Integer> mostSpecificFirst = IntStream.range(0, list.size()).boxed()
                    .sorted(Comparator.comparingInt(index -> candidates.get(index).size()))
                    .toList();
            Set<String> claimed = new HashSet<>();
            for (int index : mostSpecificFirst) {
                String key = candidates.get(index).stream().filter(candidate -> !claimed.contains(candidate)).findFirst().orElse(null);
                if (key == null) {
                    return false;
                }
                claimed.add(key);
                Map<String, Object> child = ObjectTree.mapAt(fields, key);
                if (child != null && !ownsAll(child, list.get(index))) {
                    return false;
                }
            }
            return true;
        }
        return true;
    }

    /**
     * The field-set keys that can stand for a list item: {@code k:} with its key fields, {@code v:}
     * with its value. Each item needs one of its own, the items with fewest candidates choosing first:
     * of two ports 53, the one that says UDP takes the UDP entry, the one that leaves the protocol to
     * the server's default the TCP entry.
     */
    private static List<String> itemKeys(Map<String, Object> fields, Object item) {
        return fields.keySet().stream()
                .filter(key -> item instanceof Map<?, ?> map ? keyMatches(key, map) : valueMatches(key, item))
                .toList();
    }

    private static boolean keyMatches(String key, Map<?, ?> item) {
        Map<String, Object> keys = key.startsWith("k:") ? Json.readObject(key.substring(2)) : null;
        return keys != null && keys.entrySet().stream().allMatch(keyField -> !item.containsKey(keyField.getKey())
                || ObjectTree.same(item.get(keyField.getKey()), keyField.getValue()));
    }

    private static boolean valueMatches(String key, Object item) {
        Map<String, Object> wrapped = key.startsWith("v:") ? Json.readObject("{\"v\":" + key.substring(2) + "}") : null;
        return wrapped != null && ObjectTree.same(wrapped.get("v"), item);
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof Map<?, ?> map && map.isEmpty())
                || (value instanceof List<?> list && list.isEmpty()) || "".equals(value);
    }

    private static String digest(Map<String, Object> object) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.write(object).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
