package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.csrf.CrumbIssuer;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.pages.Crumb;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.Notice;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.promote.Revert;
import io.jenkins.plugins.gitops.promote.RevertCredentials;
import io.jenkins.plugins.gitops.promote.RevertEndpoint;
import io.jenkins.plugins.gitops.promote.RevertResult;
import io.jenkins.plugins.gitops.promote.RevertRuns;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.springframework.security.core.Authentication;

/**
 * The "GitOps" link of a job: a card per environment the job promoted to, drawn from {@link #doData}, the revert
 * of a promotion, {@link #doRevert}, and its progress, {@link #doRevertStatus}.
 */
public class GitOpsJobAction implements Action {

    /** Builds read for promotions, newest first: as many as a job's build history shows. */
    static final int BUILDS_READ = 50;

    /** The session attribute that carries a revert's notice to the next page load. */
    static final String NOTICE = GitOpsJobAction.class.getName() + ".notice";

    /**
     * The controller's reverts from job pages: two threads, so that a slow remote holds no request thread and
     * does not stop another job's revert; {@link RevertRuns} allows one per job. Daemon threads, so that a revert
     * in flight does not hold up shutdown: its push lands whole or not at all.
     */
    private static final RevertRuns REVERTS = new RevertRuns(Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "GitOps revert");
        thread.setDaemon(true);
        return thread;
    }));

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

    /**
     * {@code <job>/gitops/data}: the job page's view model; requires the job's Read permission. Promotions to a
     * configured environment carry a revert address when the user has the job's Build permission; the page's
     * crumb is the crumb issuer's for this session; a revert's notice is shown once.
     */
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        List<PromotionSummary> promotions = promotions(req);
        boolean mayRevert = job.hasPermission(Item.BUILD);
        Environments configured = GitOpsConfiguration.get().environments();
        String page = page(req);
        PageResponses.json(rsp, JobPage.json(promotions, GitOpsReports.get().store()::environment, crumb(req),
                promotion -> mayRevert && promotion.commit() != null && configured.find(promotion.environment()).isPresent()
                        ? Optional.of(RevertEndpoint.url(page, promotion.environment(), promotion.commit()))
                        : Optional.empty(),
                takeNotice(req)));
    }

    /**
     * {@code POST <job>/gitops/revert?environment=E&commit=C}: starts reverting a promotion this job made, on the
     * controller, off the request thread; see {@link RevertEndpoint} for what is refused. Jenkins' CSRF filter has
     * checked the crumb of the POST; no crumb exclusion covers this address. Answers at once with a redirect to the
     * job page, whose notice says the revert is running and polls {@link #doRevertStatus} for its outcome.
     */
    public void doRevert(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        // The revert's thread has no request: the user it looks credentials up as is the one asking now.
        Authentication user = Jenkins.getAuthentication2();
        RevertEndpoint endpoint = new RevertEndpoint(() -> GitOpsConfiguration.get().environments(),
                (environment, revert) -> revert(environment, revert, user), REVERTS);
        RevertEndpoint.Answer answer = endpoint.handle(new StaplerRevertRequest(req, job), job.getFullName(),
                environment -> promotedCommits(req, environment));
        if (answer.redirect()) {
            req.getSession(true).setAttribute(NOTICE,
                    answer.started() ? new Notice(answer.notice(), false, statusUrl(req)) : new Notice(answer.notice(), false));
            rsp.setStatus(303);
            rsp.setHeader("Location", page(req));
            return;
        }
        byte[] body = (answer.notice() + "\n").getBytes(StandardCharsets.UTF_8);
        rsp.setStatus(answer.status());
        if (answer.status() == 405) {
            rsp.setHeader("Allow", "POST");
        }
        rsp.setContentType("text/plain; charset=UTF-8");
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /**
     * {@code <job>/gitops/revertStatus}: the job's last revert as a notice ({@code poll} set while it runs);
     * requires the job's Read permission. Kept in memory: after a controller restart it says the outcome is unknown.
     */
    public void doRevertStatus(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        job.checkPermission(Item.READ);
        Notice notice = REVERTS.progress(job.getFullName())
                .map(progress -> switch (progress.state()) {
                    case RUNNING -> new Notice(progress.text(), false, statusUrl(req));
                    case DONE -> new Notice(progress.text(), true);
                    case FAILED -> new Notice(progress.text(), false);
                })
                .orElse(new Notice("The revert's outcome is not known: Jenkins restarted since it was started.", false));
        PageResponses.json(rsp, JobPage.notice(notice));
    }

    /**
     * With the environment's git and signing credentials as {@link RevertCredentials} chooses them, their use tracked
     * on the job, and SSH host keys checked as the git client plugin is configured to.
     *
     * @param user who asked for the revert
     */
    private RevertResult revert(Environment environment, Revert revert, Authentication user) throws IOException {
        StandardCredentials credentials = credentials(environment.gitCredentialsId(), user);
        StandardCredentials signingKey = credentials(environment.signingCredentialsId(), user);
        SigningCredentials signing = signingKey == null ? null : new SigningCredentials(signingKey, environment.signingFormat());
        return ControllerRevert.run(revert, credentials, GitClientHostKeys.configured(), signing);
    }

    /** @return {@code null} when {@code id} is */
    private StandardCredentials credentials(String id, Authentication user) {
        if (id == null) {
            return null;
        }
        Authentication builds = job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return CredentialsProvider.track(job, RevertCredentials.find(id, user.getName(), job.getFullName(),
                (wanted, as) -> CredentialsProvider.findCredentialByIdInItem(wanted, StandardCredentials.class, job,
                        as == RevertCredentials.As.USER ? user : builds, List.of())).credentials());
    }

    private List<PromotionSummary> promotions(StaplerRequest2 req) {
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
        return promotions;
    }

    private Set<String> promotedCommits(StaplerRequest2 req, String environment) {
        return promotions(req).stream()
                .filter(p -> p.environment().equals(environment) && p.commit() != null)
                .map(PromotionSummary::commit)
                .collect(Collectors.toSet());
    }

    private String statusUrl(StaplerRequest2 req) {
        return page(req) + "revertStatus";
    }

    /** This job's GitOps page, under Jenkins' context path, ending in {@code /}. */
    private String page(StaplerRequest2 req) {
        return req.getContextPath() + "/" + job.getUrl() + getUrlName() + "/";
    }

    private static Crumb crumb(StaplerRequest2 req) {
        CrumbIssuer issuer = Jenkins.get().getCrumbIssuer();
        return issuer == null ? null : new Crumb(issuer.getCrumbRequestField(), issuer.getCrumb(req));
    }

    private static Notice takeNotice(StaplerRequest2 req) {
        HttpSession session = req.getSession(false);
        if (session == null || !(session.getAttribute(NOTICE) instanceof Notice notice)) {
            return null;
        }
        session.removeAttribute(NOTICE);
        return notice;
    }

    /** The Stapler request as the revert endpoint reads it. */
    private record StaplerRevertRequest(StaplerRequest2 req, Job<?, ?> job) implements RevertEndpoint.Request {

        @Override
        public String method() {
            return req.getMethod();
        }

        @Override
        public String parameter(String name) {
            return req.getParameter(name);
        }

        @Override
        public boolean mayRevert() {
            return job.hasPermission(Item.BUILD);
        }

        @Override
        public String user() {
            return Jenkins.getAuthentication2().getName();
        }
    }
}
