package io.jenkins.plugins.gitops.jenkins;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** The "GitOps" link of a job: a card per environment the job promoted to, drawn from {@link #doData}. */
public class GitOpsJobAction implements Action {

    /** Builds read for promotions, newest first: as many as a job's build history shows. */
    static final int BUILDS_READ = 50;

    private final Job<?, ?> job;

    public GitOpsJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-environment";
    }

    @Override
    public String getDisplayName() {
        return "GitOps";
    }

    @Override
    public String getUrlName() {
        return "gitops";
    }

    /** {@code <job>/gitops/data}: the job page's view model; requires the job's Read permission. */
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        List<PromotionSummary> promotions = new ArrayList<>();
        Run<?, ?> run = job.getLastBuild();
        for (int read = 0; run != null && read < BUILDS_READ; read++) {
            for (PromotionRecord record : run.getActions(PromotionRecord.class)) {
                for (PromotionSummary summary : record.promotionSummaries()) {
                    promotions.add(PageResponses.linked(summary, req));
                }
            }
            run = run.getPreviousBuild();
        }
        // No crumb until the page offers a form to post: the revert endpoint comes with the promotion steps.
        PageResponses.json(rsp, JobPage.json(promotions, GitOpsReports.get().store()::environment, null));
    }
}
