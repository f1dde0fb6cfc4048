package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.image.PolicyViolation;
import io.jenkins.plugins.gitops.manifest.ImageEditException;
import io.jenkins.plugins.gitops.promote.PromotionException;
import io.jenkins.plugins.gitops.promote.PromotionPlan;
import io.jenkins.plugins.gitops.promote.PromotionRequest;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.Provenance;
import io.jenkins.plugins.gitops.sync.ResumableWait;
import io.jenkins.plugins.gitops.sync.SyncWait;
import io.jenkins.plugins.gitops.sync.WaitTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsPromote}: promotes images into an environment's config repository from a Pipeline, in the
 * build's workspace, and returns {@code [commit:, changed:, files:, environment:, branch:]}; with
 * {@code waitForSync: true} it then waits for the commit like {@code gitopsWaitForSync} and adds that step's result
 * under {@code sync}. The arguments are resolved and checked by {@link PromotionRequest}; this class only gathers
 * what Jenkins knows.
 */
public class PromoteStep extends Step {

    static final String NAME = "gitopsPromote";

    private String environment;
    private String repository;
    private String branch;
    private String path;
    private String credentialsId;
    private String image;
    private List<String> images;
    private String message;
    private boolean pullRequest;
    private boolean waitForSync;
    private String timeout;
    private boolean requireHealthy = true;

    @DataBoundConstructor
    public PromoteStep() {}

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = path;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getImages() {
        return images == null ? null : List.copyOf(images);
    }

    @DataBoundSetter
    public void setImages(List<String> images) {
        this.images = images == null ? null : new ArrayList<>(images);
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = message;
    }

    public boolean isPullRequest() {
        return pullRequest;
    }

    @DataBoundSetter
    public void setPullRequest(boolean pullRequest) {
        this.pullRequest = pullRequest;
    }

    public boolean isWaitForSync() {
        return waitForSync;
    }

    @DataBoundSetter
    public void setWaitForSync(boolean waitForSync) {
        this.waitForSync = waitForSync;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public boolean isRequireHealthy() {
        return requireHealthy;
    }

    @DataBoundSetter
    public void setRequireHealthy(boolean requireHealthy) {
        this.requireHealthy = requireHealthy;
    }

    PromotionRequest request() {
        return new PromotionRequest(environment, repository, branch, path, credentialsId, image, images, message, pullRequest);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (!waitForSync) {
            if (timeout != null && !timeout.isBlank()) {
                throw new AbortException(NAME + ": timeout: only with waitForSync: true");
            }
            if (!requireHealthy) {
                throw new AbortException(NAME + ": requireHealthy: only with waitForSync: true");
            }
            return new Execution(request(), context);
        }
        if (pullRequest) {
            throw new AbortException(NAME + ": waitForSync: a pull-request branch is applied only once merged;"
                    + " wait after the merge with gitopsWaitForSync");
        }
        Duration limit;
        try {
            limit = WaitTimeout.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        return new PromoteAndWaitExecution(request(), context,
                ResumableWait.promoting(limit, WaitTimeout.written(timeout), requireHealthy));
    }

    /** What a promotion left: the step's result, and the commit to wait for. */
    private record Promoted(Map<String, Object> result, String environment, String commit, Instant time) {}

    /**
     * Promotes from the build's workspace and records the promotion on the build. Runs off the CPS thread: it waits
     * on the network and may retry for seconds.
     */
    private static Promoted promote(StepContext context, PromotionRequest request) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        EnvVars env = context.get(EnvVars.class);
        PromotionPlan plan;
        try {
            plan = request.resolve(GitOpsConfiguration.get().environments(),
                    Provenance.of(run.getParent().getFullName(), run.getNumber(), env.get("BUILD_URL")));
        } catch (IllegalArgumentException | PolicyViolation e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        StandardCredentials found = BuildCredentials.find(NAME, plan.credentialsId(), run);
        // A self-contained copy: the workspace may be on an agent, where a credential resolved lazily on the
        // controller (from a file or an external store) could not be read.
        StandardCredentials credentials = found == null ? null : CredentialsProvider.snapshot(found);
        // Resolved here: on an agent the git client cannot read the controller's host key setting.
        var hostKeys = GitHostKeyVerificationConfiguration.get().getSshHostKeyVerificationStrategy().getVerifier();
        listener.getLogger().println(NAME + ": promoting " + String.join(", ", plan.images()) + " to "
                + plan.environment() + " (" + plan.repository() + ", branch " + plan.branch() + ", path '" + plan.path() + "')");
        PromotionResult result;
        try {
            result = workspace.act(new PromotionCallable(plan, credentials, listener, env, hostKeys));
        } catch (GitException | PromotionException | ImageEditException e) {
            // One line naming what failed and where, without a stack trace: nothing was pushed.
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        String summary = plan.summary(result);
        listener.getLogger().println(NAME + ": " + summary);
        Instant time = Instant.now();
        run.addAction(new PromotionAction(plan.images(), plan.environment(), plan.repository(), result.branch(),
                result.commit(), result.changed(), time.toEpochMilli(), summary));
        return new Promoted(plan.stepResult(result), plan.environment(), result.commit(), time);
    }

    /** Promotes and returns at once. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        /** Not kept across a controller restart: a synchronous step execution does not resume. */
        private final transient PromotionRequest request;

        Execution(PromotionRequest request, StepContext context) {
            super(context);
            this.request = request;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return promote(getContext(), request).result();
        }
    }

    /**
     * Promotes on a background thread, then waits for the commit as {@code gitopsWaitForSync} does, holding no
     * thread; returns the promotion's result with the wait's under {@code sync}. The wait's state exists from the
     * constructor on, before the Pipeline can first save this execution: a save during the promotion records it
     * as promoting, any later one as waiting with its deadline, and {@link #onResume} acts on what was saved.
     */
    static final class PromoteAndWaitExecution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient PromotionRequest request;
        private final ResumableWait wait;

        PromoteAndWaitExecution(PromotionRequest request, StepContext context, ResumableWait wait) {
            super(context);
            this.request = request;
            this.wait = wait;
        }

        @Override
        public boolean start() {
            run(this::promoteThenWait);
            return false;
        }

        private void promoteThenWait() throws Exception {
            Promoted promoted = promote(getContext(), request);
            SyncWait commit = wait.promoted(promoted.environment(), promoted.commit(), promoted.time(), promoted.result());
            if (commit == null) {
                getContext().onSuccess(promoted.result());
                return;
            }
            SyncWaits.log(getContext(), NAME + ": waiting up to " + wait.timeoutText() + " for commit " + commit.commit()
                    + (commit.requireHealthy() ? " to be applied and healthy in " : " to be applied in ") + commit.environment());
            SyncWaits.start(getContext(), NAME, wait);
        }

        /**
         * Not the superclass's: it fails only when it saw the promotion's thread running, and misses a save made
         * before that thread began. The wait's own phase says what was going on.
         */
        @Override
        public void onResume() {
            SyncWaits.resume(getContext(), NAME, wait);
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            wait.cancel();
            super.stop(cause);
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Promote images to a GitOps environment";
        }
    }
}
