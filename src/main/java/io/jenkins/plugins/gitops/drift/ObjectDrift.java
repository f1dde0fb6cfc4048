package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The comparison of one object.
 *
 * @param id the object
 * @param status in sync, drifted or missing
 * @param fields the drifted fields ordered by path; empty unless {@link DriftStatus#DRIFTED}
 */
public record ObjectDrift(ResourceId id, DriftStatus status, List<FieldDrift> fields) {

    private static final int NAMED_PATHS = 3;

    public ObjectDrift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        fields = List.copyOf(fields);
        if ((status == DriftStatus.DRIFTED) == fields.isEmpty()) {
            throw new IllegalArgumentException(id + " is " + status + " with " + fields.size() + " drifted fields");
        }
    }

    static ObjectDrift missing(ResourceId id) {
        return new ObjectDrift(id, DriftStatus.MISSING, List.of());
    }

    static ObjectDrift of(ResourceId id, List<FieldDrift> fields) {
        return new ObjectDrift(id, fields.isEmpty() ? DriftStatus.IN_SYNC : DriftStatus.DRIFTED, fields);
    }

    /** {@code in sync}, {@code missing from the cluster}, or {@code 2 fields drifted: /spec/replicas, ...}; one line. */
    public String message() {
        return switch (status) {
            case IN_SYNC -> "in sync";
            case MISSING -> "missing from the cluster";
            case DRIFTED -> fields.size() + (fields.size() == 1 ? " field" : " fields") + " drifted: "
                    + fields.stream().limit(NAMED_PATHS).map(field -> field.path().toString())
                            .collect(Collectors.joining(", "))
                    + (fields.size() > NAMED_PATHS ? ", ..." : "");
        };
    }
}
