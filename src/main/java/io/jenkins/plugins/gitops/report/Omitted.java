package io.jenkins.plugins.gitops.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a report leaves out, so that every report fits the receiver's limits and still says what is missing.
 *
 * @param resources how many resources of each status are counted but not listed in {@code resources}
 *     (above a size, in-sync resources first); absent statuses left none out
 * @param events how many events the agent dropped since its previous report, because more were waiting for
 *     the receiver than it holds
 */
public record Omitted(Map<ResourceStatus, Integer> resources, long events) {

    public static final Omitted NONE = new Omitted(Map.of(), 0);

    public Omitted {
        Objects.requireNonNull(resources, "resources");
        EnumMap<ResourceStatus, Integer> copy = new EnumMap<>(ResourceStatus.class);
        resources.forEach((status, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("a count of omitted resources is negative: " + status + " " + count);
            }
            if (count > 0) {
                copy.put(status, count);
            }
        });
        resources = Collections.unmodifiableMap(copy);
        if (events < 0) {
            throw new IllegalArgumentException("omitted events are negative: " + events);
        }
    }

    /** Resources counted but not listed, of every status. */
    public int resourceCount() {
        return resources.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean isNone() {
        return resources.isEmpty() && events == 0;
    }

    public Omitted withEvents(long dropped) {
        return new Omitted(resources, dropped);
    }

    public Omitted withResources(Map<ResourceStatus, Integer> unlisted) {
        return new Omitted(unlisted, events);
    }
}
