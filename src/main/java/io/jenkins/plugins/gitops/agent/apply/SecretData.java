package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Secret's {@code stringData} is write-only: the API server folds it into {@code data} (base64,
 * {@code stringData} winning) and never returns it. Applying the Secret in that stored form means
 * the same thing, and lets an unchanged Secret compare equal to its live object instead of being
 * written on every reconcile.
 */
final class SecretData {

    private SecretData() {}

    /** The object with {@code stringData} folded into {@code data} when it is a core Secret; else as given. */
    static Map<String, Object> asStored(ResourceId id, Map<String, Object> object) {
        if (!id.group().isEmpty() || !id.kind().equals("Secret")
                || !(object.get("stringData") instanceof Map<?, ?> stringData)) {
            return object;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof Map<?, ?> existing) {
            existing.forEach((key, value) -> data.put((String) key, value));
        }
        stringData.forEach((key, value) -> data.put((String) key,
                Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        object.remove("stringData");
        object.put("data", data);
        return object;
    }
}
