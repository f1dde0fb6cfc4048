package io.jenkins.plugins.gitops.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.sync.ResumableWait;
import io.jenkins.plugins.gitops.sync.SyncWait;
import io.jenkins.plugins.gitops.sync.WaitTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsWaitForSync}: waits, without holding an executor or a thread, until the environment's agent reports
 * the commit applied (and healthy, unless {@code requireHealthy: false}); fails when it is Degraded, fails to
 * sync, or the timeout passes. The rules are {@link SyncWait}'s.
 */
public class WaitForSyncStep extends Step {

    static final String NAME = "gitopsWaitForSync";

    private final String environment;
    private final String commit;
    private String timeout = WaitTimeout.DEFAULT;
    private boolean requireHealthy = true;

    @DataBoundConstructor
    public WaitForSyncStep(String environment, String commit) {
        this.environment = environment;
        this.commit = commit;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getCommit() {
        return commit;
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        SyncWaits.requireConfigured(NAME, environment);
        Instant now = Instant.now();
        SyncWait wait;
        Duration limit;
        try {
            limit = WaitTimeout.parse(timeout);
            wait = new SyncWait(environment, commit == null ? null : commit.strip(), now, requireHealthy);
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        return new Execution(context, ResumableWait.waiting(wait, now.plus(limit), WaitTimeout.written(timeout)));
    }

    /** Waits on the report store; kept with the build, so the wait goes on after a controller restart. */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final ResumableWait wait;

        Execution(StepContext context, ResumableWait wait) {
            super(context);
            this.wait = wait;
        }

        @Override
        public boolean start() {
            SyncWait commit = wait.syncWait();
            SyncWaits.log(getContext(), NAME + ": waiting up to " + wait.timeoutText() + " for commit " + commit.commit()
                    + " to be " + (commit.requireHealthy() ? "applied and healthy" : "applied") + " in " + commit.environment());
            SyncWaits.start(getContext(), NAME, wait);
            return false;
        }

        @Override
        public void onResume() {
            SyncWaits.resume(getContext(), NAME, wait);
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            wait.cancel();
            getContext().onFailure(cause);
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Wait until a GitOps environment has synced a commit";
        }
    }
}
