package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.promote.PromotionException;
import io.jenkins.plugins.gitops.promote.Provenance;
import io.jenkins.plugins.gitops.promote.Revert;
import io.jenkins.plugins.gitops.promote.RevertRequester;
import io.jenkins.plugins.gitops.promote.RevertResult;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsRevert(environment: 'staging', commit: '5f00aee')}: reverts a promotion commit of a configured
 * environment as a new commit on its branch and returns the revert commit's id; the same revert as the job page's
 * button ({@link io.jenkins.plugins.gitops.promote.RevertTransaction}).
 *
 * <p>It runs on the controller, unlike {@code gitopsPromote}, which edits files in the build's workspace: a revert
 * edits no file, so it needs no workspace (the step works outside {@code node {}}), and one code path serves the
 * step and the button, which has no workspace to run in.
 */
public class RevertStep extends Step {

    private final String environment;
    private final String commit;
    private String credentialsId;

    @DataBoundConstructor
    public RevertStep(String environment, String commit) {
        this.environment = environment;
        this.commit = commit;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getCommit() {
        return commit;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Runs off the CPS thread: the revert waits on the network and may retry for seconds. */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        /** Not kept across a controller restart: a synchronous step execution does not resume. */
        private final transient RevertStep step;

        Execution(RevertStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            EnvVars env = context.get(EnvVars.class);
            Environments configured = GitOpsConfiguration.get().environments();
            String names = configured.asList().stream().map(Environment::name).collect(Collectors.joining(", "));
            if (step.environment == null || step.environment.isBlank()) {
                throw new AbortException("gitopsRevert: give 'environment', one of " + names);
            }
            Environment target = configured.find(step.environment).orElseThrow(() -> new AbortException(
                    "gitopsRevert: no environment named '" + step.environment + "' is configured; configured are " + names));
            Revert revert;
            try {
                revert = new Revert(target.repositoryUrl(), target.branch(), target.name(), step.commit, RevertRequester.build(
                        Provenance.of(run.getParent().getFullName(), run.getNumber(), env.get("BUILD_URL"))));
            } catch (IllegalArgumentException e) {
                throw new AbortException("gitopsRevert: " + e.getMessage());
            }
            String credentialsId = step.credentialsId != null ? step.credentialsId : target.gitCredentialsId();
            StandardCredentials credentials = BuildCredentials.find("gitopsRevert", credentialsId, run);
            StandardCredentials signingKey = BuildCredentials.find("gitopsRevert", target.signingCredentialsId(), run);
            SigningCredentials signing = signingKey == null ? null : new SigningCredentials(signingKey, target.signingFormat());
            listener.getLogger().println("gitopsRevert: reverting commit " + revert.commit() + " in " + target.name() + " ("
                    + target.repositoryUrl() + ", branch " + target.branch() + ")"
                    + (signing == null ? "" : ", signing with " + target.signingFormat() + " key '" + target.signingCredentialsId() + "'"));
            RevertResult result;
            try {
                result = ControllerRevert.run(revert, credentials, GitClientHostKeys.configured(), signing);
            } catch (GitException | PromotionException | IllegalArgumentException e) {
                // One line naming the commit and what is in the way, without a stack trace: nothing was pushed.
                throw new AbortException("gitopsRevert: " + e.getMessage());
            }
            listener.getLogger().println("gitopsRevert: reverted " + result.reverted() + " as commit " + result.commit()
                    + " on branch " + result.branch() + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : ""));
            return result.commit();
        }
    }

    @Extension
    @Symbol("gitopsRevert")
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }

        @Override
        public String getFunctionName() {
            return "gitopsRevert";
        }

        @Override
        public String getDisplayName() {
            return "Revert a promotion in a GitOps environment";
        }
    }
}
