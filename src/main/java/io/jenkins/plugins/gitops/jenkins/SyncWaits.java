package io.jenkins.plugins.gitops.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.sync.ResumableWait;
import io.jenkins.plugins.gitops.sync.SyncWaitCallback;
import io.jenkins.plugins.gitops.sync.TimeoutScheduler;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The Jenkins side of waiting for a sync, shared by {@code gitopsWaitForSync} and {@code gitopsPromote(waitForSync:
 * true)}: a {@link ResumableWait} on the report store and Jenkins' timer, completing the step's context.
 */
final class SyncWaits {

    private static final TimeoutScheduler TIMER =
            (task, delay) -> Timer.get().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);

    private SyncWaits() {}

    /** Fails the step, in one line, for an environment the GitOps configuration does not name. */
    static void requireConfigured(String step, String environment) throws AbortException {
        if (environment == null || GitOpsConfiguration.get().environments().find(environment).isEmpty()) {
            throw new AbortException(step + ": environment: no environment named '" + environment + "' is configured");
        }
    }

    /** Starts waiting; the context completes when the waiter decides. */
    static void start(StepContext context, String step, ResumableWait wait) {
        wait.start(GitOpsReports.get().store(), TIMER, Clock.systemUTC(), new ContextCallback(context, step));
    }

    /** Goes on waiting after a controller restart, or fails the step if the restart cut its promotion short. */
    static void resume(StepContext context, String step, ResumableWait wait) {
        wait.resume(GitOpsReports.get().store(), TIMER, Clock.systemUTC(), new ContextCallback(context, step));
    }

    /** Writes one line to the build's log, if it can be had. */
    static void log(StepContext context, String line) {
        try {
            TaskListener listener = context.get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println(line);
            }
        } catch (IOException e) {
            // The log is gone with its build; the step's outcome still goes to the context.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The adapter from our callback to the Pipeline's: one line on failure, no stack trace. */
    private static final class ContextCallback implements SyncWaitCallback {

        private final StepContext context;
        private final String step;

        ContextCallback(StepContext context, String step) {
            this.context = context;
            this.step = step;
        }

        @Override
        public void synced(String message, Map<String, Object> result) {
            log(context, step + ": " + message);
            context.onSuccess(result);
        }

        @Override
        public void failed(String message) {
            context.onFailure(new AbortException(step + ": " + message));
        }
    }
}
