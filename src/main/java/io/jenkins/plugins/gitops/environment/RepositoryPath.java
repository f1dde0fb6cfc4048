package io.jenkins.plugins.gitops.environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory inside a config repository, normalised to forward slashes with no {@code .} or
 * {@code ..} segments. It can never name anything outside the repository: that is checked here,
 * once, for the global configuration, the promotion engine and the agent alike.
 *
 * @param value {@code ""} for the repository root, otherwise for example {@code apps/web/overlays/prod}
 */
public record RepositoryPath(String value) {

    public static final RepositoryPath ROOT = new RepositoryPath("");

    /**
     * Parses a path as a person writes it ({@code ./apps/web/}, {@code apps\web}, {@code .}).
     *
     * @throws IllegalArgumentException naming the path when it is absolute or climbs out of the repository
     */
    public static RepositoryPath parse(String text) {
        if (text == null || text.isBlank()) {
            return ROOT;
        }
        String path = text.strip().replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("path '" + text + "' must be relative to the repository root");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("path '" + text + "' leaves the repository");
                }
                segments.remove(segments.size() - 1);
            } else if (segment.equals(".git")) {
                throw new IllegalArgumentException("path '" + text + "' points into the .git directory");
            } else {
                segments.add(segment);
            }
        }
        return new RepositoryPath(String.join("/", segments));
    }

    public boolean isRoot() {
        return value.isEmpty();
    }

    /** The directory this path names inside a checkout of the repository at {@code root}. */
    public Path resolveIn(Path root) {
        return isRoot() ? root : root.resolve(value);
    }

    /** {@code .} for the root, as git and kustomize users write it. */
    @Override
    public String toString() {
        return isRoot() ? "." : value;
    }
}
