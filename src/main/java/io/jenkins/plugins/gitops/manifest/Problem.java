package io.jenkins.plugins.gitops.manifest;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reason a revision is refused, or one warning about a revision that is not, where a person can find it.
 *
 * @param where the file and line it concerns
 * @param message what is wrong, one line
 */
public record Problem(SourceLocation where, String message) {

    /** File, then line: the order a person reads a revision in. */
    static final Comparator<Problem> BY_PLACE =
            Comparator.comparing((Problem p) -> p.where().file()).thenComparingInt(p -> p.where().line());

    public Problem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    /** {@code apps/web.yaml:12: metadata.name is missing}; the message alone for {@link SourceLocation#REVISION}. */
    @Override
    public String toString() {
        return where.file().isEmpty() ? message : where + ": " + message;
    }
}
