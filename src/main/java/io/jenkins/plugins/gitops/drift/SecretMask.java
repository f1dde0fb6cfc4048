package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps secret values out of everything drift detection hands out. Masked are the values under
 * {@code data} and {@code stringData} of a core {@code Secret}, and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation of any kind (it holds a copy of
 * the whole object, Secret data included). Keys stay visible; every masked value, however nested,
 * becomes {@value #MASK}.
 */
public final class SecretMask {

    /** What a masked value shows. */
    public static final String MASK = "***";

    /** The desired side of a masked field whose desired and live values differ. */
    public static final String BEFORE = "*** (before)";

    /** The live side of a masked field whose desired and live values differ. */
    public static final String AFTER = "*** (after)";

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final JsonPointer LAST_APPLIED_POINTER = JsonPointer.of("metadata", "annotations", LAST_APPLIED);

    private SecretMask() {}

    /**
     * A copy of a whole object, fit for logs and reports: masked values replaced by {@value #MASK},
     * everything else kept. The input is not changed.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> maskObject(Map<String, Object> object) {
        return (Map<String, Object>) mask(isSecret(object), JsonPointer.ROOT, object);
    }

    /** Whether the value at {@code path} is secret in an object of the given identity. */
    static boolean masks(ResourceId id, JsonPointer path) {
        return masks(isSecret(id), path);
    }

    /** A copy of {@code value}, found at {@code path}, with the secret parts masked. */
    static Object mask(ResourceId id, JsonPointer path, Object value) {
        return mask(isSecret(id), path, value);
    }

    private static boolean masks(boolean secret, JsonPointer path) {
        List<String> segments = path.segments();
        boolean secretData = secret
                && !segments.isEmpty()
                && (segments.get(0).equals("data") || segments.get(0).equals("stringData"));
        return secretData || LAST_APPLIED_POINTER.isPrefixOf(path);
    }

    private static Object mask(boolean secret, JsonPointer path, Object value) {
        if (value == null) {
            return null;
        }
        if (masks(secret, path)) {
            return maskAll(value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), mask(secret, path.child(String.valueOf(key)), item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(mask(secret, path.child(i), list.get(i)));
            }
            return copy;
        }
        return value;
    }

    private static Object maskAll(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), maskAll(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SecretMask::maskAll).toList();
        }
        return MASK;
    }

    private static boolean isSecret(ResourceId id) {
        return id.group().isEmpty() && id.kind().equals("Secret");
    }

    private static boolean isSecret(Map<String, Object> object) {
        Object apiVersion = object.get("apiVersion");
        return "Secret".equals(object.get("kind")) && (apiVersion == null || "v1".equals(apiVersion));
    }
}
