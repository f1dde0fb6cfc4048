package io.jenkins.plugins.gitops.image;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an image must satisfy before it may be promoted.
 *
 * @param requirePinnedVersion refuse the {@code latest} tag and references with neither tag nor digest,
 *     as both name whatever was pushed last; a digest pins the image, so {@code web:latest@sha256:…} passes
 * @param allowedRegistries registries images may come from ({@code registry.example.com},
 *     {@code localhost:5000}, {@code docker.io}); empty allows any
 * @param requireDigest refuse references without a digest
 */
public record PromotionPolicy(boolean requirePinnedVersion, Set<String> allowedRegistries, boolean requireDigest) {

    /** Pinned versions required, any registry, digests optional. */
    public static final PromotionPolicy DEFAULT = new PromotionPolicy(true, Set.of(), false);

    public PromotionPolicy {
        allowedRegistries = allowedRegistries.stream().map(PromotionPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    private static String normalise(String registry) {
        String value = registry.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException(
                    "allowed registry '" + registry + "' must be a host name with an optional port, such as registry.example.com:5000");
        }
        return ImageReference.parse(value + "/x").domain();
    }

    /**
     * Checks an image against this policy.
     *
     * @throws PolicyViolation naming the first rule the image breaks
     */
    public void check(ImageReference image) {
        if (requirePinnedVersion && !image.hasDigest()) {
            if (!image.hasTag()) {
                throw new PolicyViolation(PolicyViolation.Rule.PINNED_VERSION, image, "it has neither tag nor digest");
            }
            if (image.tag().equals("latest")) {
                throw new PolicyViolation(PolicyViolation.Rule.PINNED_VERSION, image, "the tag 'latest' moves");
            }
        }
        if (!allowedRegistries.isEmpty() && !allowedRegistries.contains(image.domain())) {
            throw new PolicyViolation(PolicyViolation.Rule.ALLOWED_REGISTRY, image,
                    "registry '" + image.domain() + "' is not one of " + allowedRegistries.stream().sorted().toList());
        }
        if (requireDigest && !image.hasDigest()) {
            throw new PolicyViolation(PolicyViolation.Rule.DIGEST_REQUIRED, image, "it has no digest");
        }
    }
}
