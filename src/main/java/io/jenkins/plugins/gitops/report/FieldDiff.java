package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One field where the live object differs from Git.
 *
 * @param path a JSON pointer (RFC 6901) into the object, for example {@code /spec/replicas}
 * @param desired the value in Git; {@code null} when Git does not set the field
 * @param live the value in the cluster; {@code null} when the field is absent live
 * @param manager the field manager that last changed the field live; {@code null} when unknown
 * @param changedAt when that manager changed it; {@code null} when unknown
 */
public record FieldDiff(String path, JsonValue desired, JsonValue live, String manager, Instant changedAt) {

    public FieldDiff {
        Objects.requireNonNull(path, "path");
    }
}
