package io.jenkins.plugins.gitops.registry;

import io.jenkins.plugins.gitops.image.ImageReference;

/**
 * The tag a policy chose.
 *
 * @param image the reference to promote: the repository as given with the tag, and the digest when pinned
 * @param tag the chosen tag
 * @param digest the manifest digest of the tag, {@code ""} unless pinning was asked for
 * @param considered how many tags the registry listed
 */
public record ImageSelection(ImageReference image, String tag, String digest, int considered) {}
