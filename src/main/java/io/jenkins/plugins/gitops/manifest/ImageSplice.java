package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.util.List;

/**
 * The result of {@link ImageSplicer#splice}: the new text and every place that named a requested repository.
 *
 * @param text the file's text after the edit, equal to the input when nothing changed
 * @param matches the places found, in file order
 * @param renames kustomization entries that give a requested repository as {@code newName} without a
 *     {@code newTag} or {@code digest}: left as they are, since the tag comes from the image fields their
 *     {@code name} selects (see {@link ImageUpdater})
 */
public record ImageSplice(String text, List<ImageMatch> matches, List<Rename> renames) {

    public ImageSplice {
        matches = List.copyOf(matches);
        renames = List.copyOf(renames);
    }

    /**
     * A kustomization entry renaming the images its {@code name} selects to a requested repository.
     *
     * @param image the requested image
     * @param name the entry's {@code name}: the images whose tags become the requested one's
     * @param location the entry's {@code newName} line
     */
    public record Rename(ImageReference image, String name, SourceLocation location) {}
}
