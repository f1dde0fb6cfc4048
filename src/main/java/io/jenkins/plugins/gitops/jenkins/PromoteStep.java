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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsPromote}: promotes images into an environment's config repository from a Pipeline, in the
 * build's workspace, and returns {@code [commit:, changed:, files:, environment:, branch:]}. The arguments
 * are resolved and checked by {@link PromotionRequest}; this class only gathers what Jenkins knows.
 */
public class PromoteStep extends Step {

    private String environment;
    private String repository;
    private String branch;
    private String path;
    private String credentialsId;
    private String image;
    private List<String> images;
    private String message;
    private boolean pullRequest;

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

    PromotionRequest request() {
        return new PromotionRequest(environment, repository, branch, path, credentialsId, image, images, message, pullRequest);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(request(), context);
    }

    /** Runs off the CPS thread: the promotion waits on the network and may retry for seconds. */
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
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            EnvVars env = context.get(EnvVars.class);
            PromotionPlan plan;
            try {
                plan = request.resolve(GitOpsConfiguration.get().environments(),
                        Provenance.of(run.getParent().getFullName(), run.getNumber(), env.get("BUILD_URL")));
            } catch (IllegalArgumentException | PolicyViolation e) {
                throw new AbortException("gitopsPromote: " + e.getMessage());
            }
            StandardCredentials credentials = null;
            if (plan.credentialsId() != null) {
                credentials = CredentialsProvider.findCredentialById(plan.credentialsId(), StandardCredentials.class, run);
                if (credentials == null) {
                    throw new AbortException("gitopsPromote: no credentials with id '" + plan.credentialsId()
                            + "' are available to this build");
                }
                CredentialsProvider.track(run, credentials);
            }
            // Resolved here: on an agent the git client cannot read the controller's host key setting.
            var hostKeys = GitHostKeyVerificationConfiguration.get().getSshHostKeyVerificationStrategy().getVerifier();
            listener.getLogger().println("gitopsPromote: promoting " + String.join(", ", plan.images()) + " to "
                    + plan.environment() + " (" + plan.repository() + ", branch " + plan.branch() + ", path '" + plan.path() + "')");
            PromotionResult result;
            try {
                result = workspace.act(new PromotionCallable(plan, credentials, listener, env, hostKeys));
            } catch (GitException | PromotionException | ImageEditException e) {
                // One line naming what failed and where, without a stack trace: nothing was pushed.
                throw new AbortException("gitopsPromote: " + e.getMessage());
            }
            String summary = plan.summary(result);
            listener.getLogger().println("gitopsPromote: " + summary);
            run.addAction(new PromotionAction(plan.images(), plan.environment(), plan.repository(), result.branch(),
                    result.commit(), result.changed(), System.currentTimeMillis(), summary));
            return plan.stepResult(result);
        }
    }

    @Extension
    @Symbol("gitopsPromote")
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return "gitopsPromote";
        }

        @Override
        public String getDisplayName() {
            return "Promote images to a GitOps environment";
        }
    }
}
