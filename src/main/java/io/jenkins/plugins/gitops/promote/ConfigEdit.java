package io.jenkins.plugins.gitops.promote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The change a promotion makes, applied to a fresh checkout of the branch tip; applied again after
 * a concurrent push, so it must compute its change from what it finds, not from what it saw before.
 */
@FunctionalInterface
public interface ConfigEdit {

    /**
     * @param directory the promotion's {@link Promotion#path()} inside the fresh working tree: a directory, or
     *     the one file a promotion may name instead
     * @return the files it changed (absolute, or relative to {@code directory}, or for a file to its directory),
     *     inside {@code directory} or that file; empty when everything was already as wanted
     * @throws IOException when a file cannot be read or written; other exceptions (a manifest that
     *     does not hold the image, say) are passed to the caller unchanged
     */
    Collection<Path> apply(Path directory) throws IOException;
}
