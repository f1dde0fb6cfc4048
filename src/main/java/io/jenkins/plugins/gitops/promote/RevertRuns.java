package io.jenkins.plugins.gitops.promote;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The job page's reverts, run off the request thread: at most one per job at a time, each job's last one kept as
 * {@link Progress} for the page to poll. Kept in memory only: a controller restart forgets them, as it ends
 * their threads.
 */
public final class RevertRuns {

    /** Where a revert is. */
    public enum State {
        RUNNING, DONE, FAILED
    }

    /**
     * A revert's progress, as the page tells it.
     *
     * @param text one line for the page, for example "Reverted commit 5f00aee in staging as commit 9c1d2e3 ..."
     * @param commit the revert commit pushed, when {@code DONE}; otherwise {@code null}
     */
    public record Progress(State state, String text, String commit) {

        public Progress {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(text, "text");
        }

        public static Progress running(String text) {
            return new Progress(State.RUNNING, text, null);
        }

        public static Progress done(String text, String commit) {
            return new Progress(State.DONE, text, Objects.requireNonNull(commit, "commit"));
        }

        public static Progress failed(String text) {
            return new Progress(State.FAILED, text, null);
        }
    }

    private final Executor executor;
    private final Map<String, Progress> byJob = new ConcurrentHashMap<>();

    /** @param executor runs the reverts; the thread that starts one never waits for it */
    public RevertRuns(Executor executor) {
        this.executor = executor;
    }

    /**
     * Starts {@code revert} for {@code job} unless one of its reverts is running.
     *
     * @param running the progress shown until {@code revert} answers
     * @param revert the revert; what it returns is the outcome (its exceptions are the revert's to tell as
     *     {@link State#FAILED}: anything it lets through is recorded as a failure too, never lost)
     * @return empty when started; otherwise the job's revert that is still running
     */
    public Optional<Progress> start(String job, Progress running, Supplier<Progress> revert) {
        Progress[] busy = new Progress[1];
        byJob.compute(job, (key, current) -> {
            if (current != null && current.state() == State.RUNNING) {
                busy[0] = current;
                return current;
            }
            return running;
        });
        if (busy[0] != null) {
            return Optional.of(busy[0]);
        }
        try {
            executor.execute(() -> byJob.put(job, outcome(revert)));
        } catch (RejectedExecutionException e) {
            byJob.put(job, Progress.failed("The revert was not started: the controller is shutting down."));
        }
        return Optional.empty();
    }

    /** The job's last revert since the controller started, if any. */
    public Optional<Progress> progress(String job) {
        return Optional.ofNullable(byJob.get(job));
    }

    private static Progress outcome(Supplier<Progress> revert) {
        try {
            return revert.get();
        } catch (RuntimeException e) {
            return Progress.failed("The revert failed unexpectedly: " + e);
        }
    }
}
