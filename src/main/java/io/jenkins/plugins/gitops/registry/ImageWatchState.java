package io.jenkins.plugins.gitops.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What an image watch saw at its last poll, kept between polls (and restarts) so each new image is published once.
 *
 * @param seen the image the policy chose, always pinned by digest ({@code repo:tag@sha256:...}); {@code ""} before
 *     the first successful poll
 * @param polledAt when the last poll ended; {@code null} before the first
 * @param considered how many tags the registry listed at the last successful poll
 * @param error the one-line reason the last poll failed, {@code ""} when it did not
 */
public record ImageWatchState(String seen, Instant polledAt, int considered, String error) {

    public static final ImageWatchState NEVER_POLLED = new ImageWatchState("", null, 0, "");

    public ImageWatchState {
        seen = Objects.requireNonNullElse(seen, "");
        error = Objects.requireNonNullElse(error, "");
    }
}
