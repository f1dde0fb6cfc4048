package io.jenkins.plugins.gitops.manifest;

import java.util.List;

/**
 * The result of {@link ImageSplicer#splice}: the new text and every place that named a requested repository.
 *
 * @param text the file's text after the edit, equal to the input when nothing changed
 * @param matches the places found, in file order
 */
public record ImageSplice(String text, List<ImageMatch> matches) {

    public ImageSplice {
        matches = List.copyOf(matches);
    }
}
