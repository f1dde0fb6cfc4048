package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.EnvironmentField;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A promotion as the {@code gitopsPromote} Pipeline step's arguments state it, before anything is
 * looked up: either the name of a configured environment, or an explicit repository (with branch,
 * path and credentials id); one image or a list of images; an optional commit message; whether to push
 * to a pull-request branch. Blank strings count as not given.
 */
public record PromotionRequest(
        String environment,
        String repository,
        String branch,
        String path,
        String credentialsId,
        String image,
        List<String> images,
        String message,
        boolean pullRequest) {

    public PromotionRequest {
        images = images == null ? List.of() : images.stream().map(PromotionRequest::blankToNull).filter(Objects::nonNull).toList();
    }

    /**
     * Resolves the request against the configured environments and checks everything that can be checked
     * without the repository: the settings, the image references, the promotion policy.
     *
     * @throws IllegalArgumentException with a one-line reason naming the argument at fault
     */
    public PromotionPlan resolve(Environments configured, Provenance build) {
        String name = blankToNull(environment);
        String url = blankToNull(repository);
        PromotionPlan plan;
        if (url == null) {
            if (name == null) {
                throw new IllegalArgumentException("give 'environment' (one of " + names(configured)
                        + ") or 'repository' to say where to promote");
            }
            Environment target = configured.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "no environment named '" + name + "' is configured; configured are " + names(configured)));
            List<String> overridden = Stream.of(
                            given("branch", branch), given("path", path), given("credentialsId", credentialsId))
                    .flatMap(Optional::stream)
                    .toList();
            if (!overridden.isEmpty()) {
                throw new IllegalArgumentException("environment '" + name + "' already sets the branch, path and credentials;"
                        + " do not also give " + String.join(", ", overridden));
            }
            if (target.signsCommits()) {
                // The step commits through the Git client plugin in the workspace, which signs nothing here.
                throw new IllegalArgumentException("environment '" + name + "' signs its commits (signing credential '"
                        + target.signingCredentialsId() + "'), but this step commits through the workspace git, which cannot"
                        + " sign them; nothing was pushed. Promote with the CLI's 'promote --signing-key' instead");
            }
            plan = plan(target.repositoryUrl(), target.branch(), target.path(), target.name(), target.gitCredentialsId(), build);
        } else {
            check(EnvironmentField.REPOSITORY_URL, "repository", url);
            check(EnvironmentField.BRANCH, "branch", branch);
            check(EnvironmentField.PATH, "path", path);
            String targetBranch = Optional.ofNullable(blankToNull(branch)).orElse(Environment.DEFAULT_BRANCH);
            plan = plan(url, targetBranch, RepositoryPath.parse(path), name == null ? targetBranch : name,
                    blankToNull(credentialsId), build);
        }
        plan.imagePromotion();
        return plan;
    }

    private PromotionPlan plan(String url, String targetBranch, RepositoryPath directory, String environmentName,
            String credentials, Provenance build) {
        return new PromotionPlan(url, targetBranch, directory.value(), allImages(), environmentName, blankToNull(message),
                build.job(), build.buildNumber(), build.buildUrl().orElse(null), pullRequest, credentials);
    }

    private List<String> allImages() {
        String single = blankToNull(image);
        if (single != null && !images.isEmpty()) {
            throw new IllegalArgumentException("give either 'image' or 'images', not both");
        }
        List<String> all = new ArrayList<>(images);
        if (single != null) {
            all.add(single);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("give the image to promote in 'image' (or several in 'images')");
        }
        return all;
    }

    private static void check(EnvironmentField field, String argument, String value) {
        field.problemWith(value).ifPresent(problem -> {
            throw new IllegalArgumentException("'" + argument + "': " + problem);
        });
    }

    private static Optional<String> given(String argument, String value) {
        return Optional.ofNullable(blankToNull(value)).map(v -> "'" + argument + "'");
    }

    private static String names(Environments configured) {
        return configured.isEmpty() ? "none" : configured.asList().stream().map(Environment::name).toList().toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
