package io.jenkins.plugins.gitops.registry;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Chooses the latest tag of a repository by a {@link TagPolicy}, reading the registry through a {@link RegistryClient}. */
public final class ImageSelector {

    private final RegistryClient client;

    public ImageSelector(RegistryClient client) {
        this.client = client;
    }

    /**
     * @param image the repository, without tag or digest
     * @param pinDigest whether to add the chosen tag's manifest digest ({@code repo:tag@sha256:...})
     */
    public ImageSelection select(ImageReference image, TagPolicy policy, boolean pinDigest)
            throws RegistryException, NoMatchingTagException {
        if (image.hasTag() || image.hasDigest()) {
            throw new IllegalArgumentException("image '" + image + "' names a version; give the repository alone, such as "
                    + image.name());
        }
        RegistryRepository repository = client.repository(image);
        List<String> tags = client.tags(repository);
        List<String> candidates = policy.candidates(tags);
        Optional<String> chosen = policy.newestBuild() ? newestBuild(repository, candidates) : candidates.stream().findFirst();
        if (chosen.isEmpty()) {
            throw new NoMatchingTagException(image.name(), policy, tags.size());
        }
        String tag = chosen.get();
        String digest = pinDigest ? client.digest(repository, tag) : "";
        return new ImageSelection(new ImageReference(image.registry(), image.path(), tag, digest), tag, digest, tags.size());
    }

    /** The candidate built last; an earlier candidate wins a tie, and one without a creation time never wins. */
    private Optional<String> newestBuild(RegistryRepository repository, List<String> candidates) throws RegistryException {
        String newest = null;
        Instant newestTime = Instant.MIN;
        for (String tag : candidates) {
            Optional<Instant> created = client.created(repository, tag);
            if (created.isPresent() && created.get().isAfter(newestTime)) {
                newest = tag;
                newestTime = created.get();
            }
        }
        return Optional.ofNullable(newest);
    }
}
