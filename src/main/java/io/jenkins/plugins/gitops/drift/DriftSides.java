package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two sides of one object's comparison over the fields Git sets, to show as a diff: Git's object
 * (a Secret's {@code stringData} as the {@code data} it becomes) and the same object with each drifted
 * field as the cluster has it. Only the fields {@link DriftDetector} found drifted differ, so what it
 * forgives (server defaults, canonical quantities, omitted zero values) never shows; secret values are
 * masked on both sides as in reports.
 *
 * @param git Git's side
 * @param live the cluster's side; null when the object is missing from the cluster
 */
public record DriftSides(Map<String, Object> git, Map<String, Object> live) {

    public DriftSides {
        Objects.requireNonNull(git, "git");
    }

    /** The sides of {@code drift}, the comparison of {@code desired} with the cluster. */
    public static DriftSides of(ManifestObject desired, ObjectDrift drift) {
        if (!desired.id().equals(drift.id())) {
            throw new IllegalArgumentException("the drift of " + drift.id() + " is not the comparison of " + desired.id());
        }
        Map<String, Object> git = mutableCopy(SecretMask.maskObject(DriftDetector.comparable(desired.id(), desired.content())));
        if (drift.status() == DriftStatus.MISSING) {
            return new DriftSides(git, null);
        }
        Map<String, Object> live = mutableCopy(git);
        // Last path first: removing a list item then never moves an item a later path names.
        List<FieldDrift> fields = new ArrayList<>(drift.fields());
        fields.sort(Comparator.comparing(FieldDrift::path).reversed());
        for (FieldDrift field : fields) {
            set(git, field.path(), field.desired());
            set(live, field.path(), field.live());
        }
        return new DriftSides(git, live);
    }

    /** Sets the value at {@code path} (every segment but the last exists, as paths point into Git's object); null removes it. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, JsonPointer path, Object value) {
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            return;
        }
        Object parent = tree;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            parent = parent instanceof Map<?, ?> map ? map.get(segment)
                    : parent instanceof List<?> list ? list.get(Integer.parseInt(segment))
                    : null;
        }
        String last = segments.get(segments.size() - 1);
        Object copy = mutableCopy(value);
        if (parent instanceof Map<?, ?> map) {
            if (copy == null) {
                map.remove(last);
            } else {
                ((Map<String, Object>) map).put(last, copy);
            }
        } else if (parent instanceof List<?> list) {
            int index = Integer.parseInt(last);
            if (copy == null) {
                list.remove(index);
            } else {
                ((List<Object>) list).set(index, copy);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T mutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), mutableCopy(item)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(mutableCopy(item)));
            return (T) copy;
        }
        return value;
    }
}
