package io.jenkins.plugins.gitops.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.sync.SyncWait;
import io.jenkins.plugins.gitops.sync.SyncWaitCallback;
import io.jenkins.plugins.gitops.sync.SyncWaiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The Jenkins side of waiting for a sync, shared by {@code gitopsWaitForSync} and {@code gitopsPromote(waitForSync:
 * true)}: a {@link SyncWaiter} on the report store and Jenkins' timer, completing the step's context.
 */
final class SyncWaits {

    private SyncWaits() {}

    /** Fails the step, in one line, for an environment the GitOps configuration does not name. */
    static void requireConfigured(String step, String environment) throws AbortException {
        if (environment == null || GitOpsConfiguration.get().environments().find(environment).isEmpty()) {
            throw new AbortException(step + ": environment: no environment named '" + environment + "' is configured");
        }
    }

    /**
     * Starts waiting; the context completes when the waiter decides.
     *
     * @param promotion the promotion's result to return with the sync's under {@code sync}; {@code null} to
     *     return the sync's alone
     */
    static SyncWaiter start(StepContext context, String step, SyncWait wait, Instant deadline, String timeoutText,
            Map<String, Object> promotion) {
        return SyncWaiter.start(wait, GitOpsReports.get().store(),
                (task, delay) -> Timer.get().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                Clock.systemUTC(), deadline, timeoutText, new ContextCallback(context, step, promotion));
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
        private final Map<String, Object> promotion;

        ContextCallback(StepContext context, String step, Map<String, Object> promotion) {
            this.context = context;
            this.step = step;
            this.promotion = promotion;
        }

        @Override
        public void synced(String message, Map<String, Object> result) {
            log(context, step + ": " + message);
            if (promotion == null) {
                context.onSuccess(result);
            } else {
                Map<String, Object> both = new LinkedHashMap<>(promotion);
                both.put("sync", result);
                context.onSuccess(both);
            }
        }

        @Override
        public void failed(String message) {
            context.onFailure(new AbortException(step + ": " + message));
        }
    }
}
