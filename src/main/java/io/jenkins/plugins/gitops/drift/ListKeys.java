package io.jenkins.plugins.gitops.drift;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merge keys of the Kubernetes lists that the API server treats as maps (the
 * {@code x-kubernetes-list-map-keys} of the built-in types), so their items are matched by key and
 * not by position. A key renders as {@code managedFields} writes it: {@code {"containerPort":80,"protocol":"TCP"}}.
 * Lists not named here ({@code args}, {@code envFrom}, {@code tolerations}, ...) are atomic and compared
 * by position.
 */
final class ListKeys {

    private static final Map<String, List<String>> BY_FIELD = Map.ofEntries(
            Map.entry("containers", List.of("name")),
            Map.entry("initContainers", List.of("name")),
            Map.entry("ephemeralContainers", List.of("name")),
            Map.entry("volumes", List.of("name")),
            Map.entry("env", List.of("name")),
            Map.entry("imagePullSecrets", List.of("name")),
            Map.entry("resourceClaims", List.of("name")),
            Map.entry("schedulingGates", List.of("name")),
            Map.entry("volumeMounts", List.of("mountPath")),
            Map.entry("volumeDevices", List.of("devicePath")),
            Map.entry("hostAliases", List.of("ip")),
            Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")));

    private static final List<String> CONTAINER_PORT = List.of("containerPort", "protocol");
    private static final List<String> SERVICE_PORT = List.of("port", "protocol");

    /** Fields whose value is an int-or-string port or count: {@code 8080} and {@code "8080"} are one value. */
    static final Set<String> INT_OR_STRING = Set.of(
            "port", "targetPort", "containerPort", "hostPort", "nodePort", "maxSurge", "maxUnavailable", "minAvailable");

    /** The server fills in {@code protocol: TCP} on ports before keying them. */
    private static final Map<String, Object> KEY_DEFAULTS = Map.of("protocol", "TCP");

    private ListKeys() {}

    /** The key fields of the list held by {@code field}, when every desired item carries them. */
    static Optional<List<String>> of(String field, List<?> desiredItems) {
        List<String> fields = "ports".equals(field) ? portKey(desiredItems) : BY_FIELD.get(field);
        if (fields == null || desiredItems.isEmpty()) {
            return Optional.empty();
        }
        for (Object item : desiredItems) {
            if (!(item instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            for (String keyField : fields) {
                if (map.get(keyField) == null && !KEY_DEFAULTS.containsKey(keyField)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(fields);
    }

    /** The key of one item, or empty when it lacks a key field (a live item can be anything). */
    static Optional<String> keyOf(Object item, List<String> fields) {
        if (!(item instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, Object> key = new TreeMap<>();
        for (String field : fields) {
            Object value = map.get(field);
            if (value == null) {
                value = KEY_DEFAULTS.get(field);
            }
            if (value == null) {
                return Optional.empty();
            }
            key.put(field, value);
        }
        return Optional.of(render(key));
    }

    /** A key as written in {@code managedFields} ({@code k:{...}}), rendered like {@link #keyOf}. */
    static String render(Map<String, Object> key) {
        Map<String, Object> sorted = new TreeMap<>();
        key.forEach((field, value) -> sorted.put(field, canonical(field, value)));
        return JsonValues.render(sorted);
    }

    private static List<String> portKey(List<?> items) {
        boolean containerPorts = !items.isEmpty() && items.get(0) instanceof Map<?, ?> first && first.containsKey("containerPort");
        return containerPorts ? CONTAINER_PORT : SERVICE_PORT;
    }

    private static Object canonical(String field, Object value) {
        if (INT_OR_STRING.contains(field) && value instanceof String text && text.matches("\\d+")) {
            return new BigDecimal(text);
        }
        return value;
    }
}
