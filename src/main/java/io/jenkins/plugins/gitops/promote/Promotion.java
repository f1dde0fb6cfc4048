package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to promote images into a config repository: which repository, branch and directory,
 * which images (as text, for the commit message), to which environment, and on whose behalf.
 * Invalid requests are refused when built, with a one-line reason.
 *
 * @param repository the repository URL
 * @param branch the branch the environment is deployed from
 * @param path the directory inside the repository that the edit works on
 * @param images the promoted image references, as the user wrote them
 * @param environment the environment's name, for the commit subject
 * @param message extra text for the commit body
 * @param provenance the build that promotes
 * @param pullRequest present to push to a review branch instead of {@code branch}
 */
public record Promotion(
        String repository,
        String branch,
        RepositoryPath path,
        List<String> images,
        String environment,
        Optional<String> message,
        Optional<Provenance> provenance,
        Optional<PullRequest> pullRequest) {

    public Promotion {
        requireOneLine("repository", repository);
        PullRequest.requireBranchName(branch);
        Objects.requireNonNull(path, "path");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a promotion needs at least one image");
        }
        images.forEach(image -> requireOneLine("image", image));
        requireOneLine("environment", environment);
        message = message.map(String::strip).filter(text -> !text.isEmpty());
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(pullRequest, "pullRequest");
    }

    /** A promotion without message, provenance or pull request. */
    public static Promotion of(String repository, String branch, RepositoryPath path, List<String> images, String environment) {
        return new Promotion(repository, branch, path, images, environment, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Promotion withMessage(String text) {
        return new Promotion(repository, branch, path, images, environment, Optional.ofNullable(text), provenance, pullRequest);
    }

    public Promotion withProvenance(Provenance build) {
        return new Promotion(repository, branch, path, images, environment, message, Optional.of(build), pullRequest);
    }

    public Promotion withPullRequest(PullRequest mode) {
        return new Promotion(repository, branch, path, images, environment, message, provenance, Optional.of(mode));
    }

    /** The branch the commit is pushed to: {@link #branch()}, or the pull-request branch. */
    public String pushBranch() {
        return pullRequest.map(mode -> mode.branchFor(environment, provenance)).orElse(branch);
    }

    static void requireOneLine(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(field + " '" + value.lines().findFirst().orElse("") + "...' must be one line");
        }
    }
}
