package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved {@link PromotionRequest}, in plain values so that it can travel to the machine that runs
 * the transaction (a Jenkins agent holding the workspace).
 *
 * @param path the directory inside the repository, {@code ""} for the root
 * @param message extra commit message text, or {@code null}
 * @param buildUrl the promoting build's URL, or {@code null}
 * @param credentialsId the id of the credentials that reach the repository, or {@code null} for none
 */
public record PromotionPlan(
        String repository,
        String branch,
        String path,
        List<String> images,
        String environment,
        String message,
        String job,
        int buildNumber,
        String buildUrl,
        boolean pullRequest,
        String credentialsId) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PromotionPlan {
        images = List.copyOf(images);
    }

    /** The promotion, checked against the default promotion policy. */
    public ImagePromotion imagePromotion() {
        Promotion promotion = new Promotion(repository, branch, RepositoryPath.parse(path), images, environment,
                Optional.ofNullable(message), Optional.of(new Provenance(job, buildNumber, Optional.ofNullable(buildUrl))),
                pullRequest ? Optional.of(PullRequest.toDefaultBranch()) : Optional.empty());
        return ImagePromotion.of(promotion, PromotionPolicy.DEFAULT);
    }

    /** What the step returns to the Pipeline: {@code commit}, {@code changed}, {@code files}, {@code environment}, {@code branch}. */
    public Map<String, Object> stepResult(PromotionResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("commit", result.commit());
        map.put("changed", result.changed());
        map.put("files", new ArrayList<>(result.files()));
        map.put("environment", environment);
        map.put("branch", result.branch());
        return map;
    }

    /**
     * One line for the build page: {@code Promoted web:1.2 to staging - commit abc1234}, or that the
     * environment already had the images.
     */
    public String summary(PromotionResult result) {
        String what = images.size() == 1 ? images.get(0) : images.size() + " images";
        String commit = CommitId.abbreviate(result.commit());
        return result.changed()
                ? "Promoted " + what + " to " + environment + " - commit " + commit
                : environment + " already had " + what + " - commit " + commit;
    }
}
