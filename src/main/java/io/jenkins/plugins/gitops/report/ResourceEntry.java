package io.jenkins.plugins.gitops.report;

import java.util.List;
import java.util.Objects;

/**
 * One managed resource. The identity fields mirror {@code manifest.ResourceId}; the report package
 * keeps its own copy because it depends on nothing but Jackson, so that Jenkins can read reports
 * without the manifest layer.
 *
 * @param apiVersion for example {@code apps/v1}
 * @param kind for example {@code Deployment}
 * @param namespace {@code null} for a cluster-scoped resource
 * @param name the object's name
 * @param status how it compares with Git
 * @param health its health
 * @param diffs the fields where live differs from Git; empty unless drifted
 * @param message why it failed or is unhealthy; {@code null} when there is nothing to say
 */
public record ResourceEntry(
        String apiVersion,
        String kind,
        String namespace,
        String name,
        ResourceStatus status,
        Health health,
        List<FieldDiff> diffs,
        String message) {

    public ResourceEntry {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(health, "health");
        diffs = List.copyOf(diffs);
    }
}
