package io.jenkins.plugins.gitops.pages;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One promotion as the pages show it: what a build wrote into an environment's config repository.
 *
 * @param images the image references written, as given to the promotion (at least one)
 * @param environment the environment's name
 * @param commit the full id of the promotion commit; {@code null} when the images were already there and
 *     nothing was committed
 * @param time when the promotion commit was pushed (or found unnecessary)
 * @param buildName the build's display name, for example {@code #42}
 * @param buildUrl the build's address, for example {@code /job/shop/42/}
 */
public record PromotionSummary(
        List<String> images, String environment, String commit, Instant time, String buildName, String buildUrl) {

    public PromotionSummary {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("images: a promotion writes at least one image");
        }
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(buildName, "buildName");
        Objects.requireNonNull(buildUrl, "buildUrl");
    }

    /** The images as one line, for example {@code registry/app:1.4.2, registry/worker:1.4.2}. */
    public String imageText() {
        return String.join(", ", images);
    }
}
