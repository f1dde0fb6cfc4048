package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;

/**
 * One place in a file that names a promoted image's repository.
 *
 * @param image the requested image
 * @param location the line naming the repository: the {@code image:} value, the kustomization entry's
 *     {@code name}, or the Helm values' {@code repository}
 * @param changed whether its tag or digest had to change; {@code false} when it already held the request
 */
public record ImageMatch(ImageReference image, SourceLocation location, boolean changed) {}
