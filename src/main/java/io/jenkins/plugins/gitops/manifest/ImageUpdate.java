package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ImageUpdater#update} changed.
 *
 * @param changedFiles files written, relative to the directory, forward slashes, sorted; empty when every
 *     image was already in place
 * @param changes per requested image, in request order, the places whose tag or digest changed, in file order
 */
public record ImageUpdate(List<String> changedFiles, Map<ImageReference, List<SourceLocation>> changes) {

    public ImageUpdate {
        changedFiles = List.copyOf(changedFiles);
        Map<ImageReference, List<SourceLocation>> copy = new LinkedHashMap<>();
        changes.forEach((image, locations) -> copy.put(image, List.copyOf(locations)));
        changes = Collections.unmodifiableMap(copy);
    }

    /** Whether any file changed; {@code false} for a re-promotion of what is already there. */
    public boolean changed() {
        return !changedFiles.isEmpty();
    }
}
