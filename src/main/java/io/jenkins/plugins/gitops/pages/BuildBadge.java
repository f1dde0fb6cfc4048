package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The small badge a build carries next to its number for a promotion: where the commit is now.
 *
 * @param text for example {@code staging: Healthy}
 * @param tooltip for example {@code GitOps: registry/app:1.4.2 to staging, commit abc1234 Healthy since 2026-11-22T09:34:00Z}
 */
public record BuildBadge(String text, String tooltip) {

    /** The badge of a promotion; empty for one that committed nothing. */
    public static Optional<BuildBadge> of(PromotionSummary promotion, Function<String, Optional<EnvironmentReports>> reports) {
        List<CommitTimeline.StateAt> states = BuildPage.timeline(promotion, reports).states();
        if (states.isEmpty()) {
            return Optional.empty();
        }
        CommitTimeline.StateAt now = states.get(states.size() - 1);
        String label = now.state().label();
        return Optional.of(new BuildBadge(promotion.environment() + ": " + label,
                "GitOps: " + promotion.imageText() + " to " + promotion.environment() + ", commit "
                        + CommitId.abbreviate(promotion.commit()) + " " + label + " since " + now.at()));
    }
}
