package io.jenkins.plugins.gitops.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * A promotion a build made, kept with the build: which images went to which environment, as which commit,
 * when. One per {@code gitopsPromote} call. Plain getters, for the build page and for JSON built from it.
 */
public class PromotionAction implements RunAction2, PromotionRecord {

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

    /** Shown as a summary line on the build page (summary.jelly), not as a link of its own. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "GitOps promotion";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
