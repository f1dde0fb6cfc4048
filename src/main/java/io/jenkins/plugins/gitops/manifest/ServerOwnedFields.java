package io.jenkins.plugins.gitops.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fields the API server writes and owns, which an object exported from a cluster ({@code kubectl get -o yaml})
 * carries. Sent back they fail for as long as they stay in Git: {@code metadata.managedFields} makes a
 * server-side apply a 400, a {@code resourceVersion} from the past or another object's {@code uid} a 409.
 * They are left out of the desired object with one warning per object. Null and empty values
 * ({@code kubectl create --dry-run -o yaml} writes {@code creationTimestamp: null} and {@code status: {}})
 * are left out without one: they say nothing.
 */
final class ServerOwnedFields {

    private static final Set<String> METADATA = Set.of("managedFields", "resourceVersion", "uid", "creationTimestamp",
            "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private ServerOwnedFields() {}

    /**
     * @param object the object as written
     * @param warning {@code file:line: <id>: left out metadata.uid, status (fields the server owns)}, when anything with a value was left out
     */
    record Stripped(ManifestObject object, Optional<Problem> warning) {}

    static Stripped strip(ManifestObject object) {
        Map<String, Object> content = new LinkedHashMap<>(object.content());
        List<String> leftOut = new ArrayList<>();
        if (content.get("metadata") instanceof Map<?, ?> written) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            written.forEach((key, value) -> {
                if (METADATA.contains(key)) {
                    if (hasValue(value)) {
                        leftOut.add("metadata." + key);
                    }
                } else {
                    metadata.put((String) key, value);
                }
            });
            content.put("metadata", Collections.unmodifiableMap(metadata));
        }
        if (content.containsKey("status") && hasValue(content.remove("status"))) {
            leftOut.add("status");
        }
        if (content.equals(object.content())) {
            return new Stripped(object, Optional.empty());
        }
        ManifestObject stripped = new ManifestObject(object.id(), object.apiVersion(), Collections.unmodifiableMap(content), object.source());
        return new Stripped(stripped, leftOut.isEmpty()
                ? Optional.empty()
                : Optional.of(new Problem(object.source(),
                        object.id() + ": left out " + String.join(", ", leftOut) + " (fields the server owns)")));
    }

    private static boolean hasValue(Object value) {
        return value != null
                && !(value instanceof Map<?, ?> map && map.isEmpty())
                && !(value instanceof Collection<?> list && list.isEmpty())
                && !"".equals(value);
    }
}
