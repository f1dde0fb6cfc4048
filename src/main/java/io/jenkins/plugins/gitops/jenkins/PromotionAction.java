package io.jenkins.plugins.gitops.jenkins;

import hudson.model.BuildBadgeAction;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.gitops.pages.BuildBadge;
import io.jenkins.plugins.gitops.pages.BuildPage;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A promotion a build made, kept with the build: which images went to which environment, as which commit,
 * when. One per {@code gitopsPromote} call. The build page shows the build's promotions and where their commits
 * are now (summary.jelly, drawn by gitops.js from {@link #doData}); the build carries a badge per promotion
 * (badge.jelly).
 */
public class PromotionAction implements RunAction2, PromotionRecord, BuildBadgeAction {

    /** An ArrayList, not an immutable list, so that XStream can write and read it. */
    private final ArrayList<String> images;
    private final String environment;
    private final String repository;
    private final String branch;
    private final String commit;
    private final boolean changed;
    private final long timestamp;
    private final String summary;
    private transient Run<?, ?> run;

    PromotionAction(List<String> images, String environment, String repository, String branch, String commit, boolean changed,
            long timestamp, String summary) {
        this.images = new ArrayList<>(images);
        this.environment = environment;
        this.repository = repository;
        this.branch = branch;
        this.commit = commit;
        this.changed = changed;
        this.timestamp = timestamp;
        this.summary = summary;
    }

    public List<String> getImages() {
        return List.copyOf(images);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getRepository() {
        return repository;
    }

    /** The branch the commit went to: the environment's, or the pull-request branch. */
    public String getBranch() {
        return branch;
    }

    /** The promotion commit; when nothing changed, the commit that already held the images. */
    public String getCommit() {
        return commit;
    }

    public boolean isChanged() {
        return changed;
    }

    /** When the promotion finished, in milliseconds since the epoch. */
    public long getTimestamp() {
        return timestamp;
    }

    /** For example {@code Promoted registry.example.com/web:1.2 to staging - commit abc1234}. */
    public String getSummary() {
        return summary;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** This promotion, for the job page; nothing before the action is attached to its build. */
    @Override
    public List<PromotionSummary> promotionSummaries() {
        if (run == null) {
            return List.of();
        }
        return List.of(new PromotionSummary(
                images, environment, changed ? commit : null, Instant.ofEpochMilli(timestamp), run.getDisplayName(), run.getUrl()));
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /**
     * Whether this is the build's first promotion: only that one draws the build page's GitOps box, which shows
     * all of them, and only its {@code gitops/data} is reachable, Stapler taking the first action of a URL name.
     */
    public boolean isFirstOfBuild() {
        return run == null || run.getActions(PromotionAction.class).get(0) == this;
    }

    /** The badge: this promotion's environment and its commit's state now; {@code null} when nothing was committed. */
    public BuildBadge getBadge() {
        List<PromotionSummary> summaries = promotionSummaries();
        if (summaries.isEmpty()) {
            return null;
        }
        return BuildBadge.of(summaries.get(0), GitOpsReports.get().store()::environment).orElse(null);
    }

    /** {@code <build>/gitops/data}: the build page's view model of all the build's promotions; requires Read on the job. */
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        if (run == null) {
            rsp.sendError(404);
            return;
        }
        run.getParent().checkPermission(Item.READ);
        List<PromotionSummary> promotions = new ArrayList<>();
        for (PromotionRecord record : run.getActions(PromotionRecord.class)) {
            promotions.addAll(record.promotionSummaries());
        }
        PageResponses.json(rsp, BuildPage.json(promotions, GitOpsReports.get().store()::environment));
    }

    /** No link in the build's side panel: the summary box and the badge show the promotion. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "GitOps promotion";
    }

    /** Non-null so that Stapler routes {@code <build>/gitops/data}; without an icon Jenkins lists no link. */
    @Override
    public String getUrlName() {
        return "gitops";
    }
}
