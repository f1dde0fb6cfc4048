package io.jenkins.plugins.gitops.jenkins;

import hudson.model.Action;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import java.util.List;

/** What a build recorded of its promotions, as the GitOps pages read it from the build's actions. */
public interface PromotionRecord extends Action {

    /**
     * The build's promotions in the order it made them. Each summary's {@code buildUrl} is the build's
     * {@code Run.getUrl()}, relative to the Jenkins root (for example {@code job/shop/42/}).
     */
    List<PromotionSummary> promotionSummaries();
}
