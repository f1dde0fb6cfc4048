package io.jenkins.plugins.gitops.sync;

import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a waiting Pipeline step keeps with its build so that the wait survives a controller restart.
 * {@code gitopsWaitForSync} starts it {@linkplain #waiting waiting}; {@code gitopsPromote(waitForSync: true)} starts
 * it {@linkplain #promoting promoting}, before the step's execution can first be saved, and hands it the commit
 * once pushed. Every change of phase is one write of an immutable value, so a save at any moment sees one whole
 * phase. It holds no thread: a {@link SyncWaiter} listens on the report store, is released with the outcome and is
 * registered again by {@link #resume}, with the deadline set when the wait began.
 */
public final class ResumableWait implements Serializable {

    private static final long serialVersionUID = 1L;

    private volatile Phase phase;
    private transient volatile SyncWaiter waiter;

    private ResumableWait(Phase phase) {
        this.phase = phase;
    }

    /** A wait that starts now, for {@code gitopsWaitForSync}. */
    public static ResumableWait waiting(SyncWait wait, Instant deadline, String timeoutText) {
        return new ResumableWait(new Waiting(wait, deadline.toEpochMilli(), timeoutText, null));
    }

    /** A wait that starts once a promotion has pushed its commit; the timeout counts from then. */
    public static ResumableWait promoting(Duration timeout, String timeoutText, boolean requireHealthy) {
        return new ResumableWait(new Promoting(timeout.toMillis(), timeoutText, requireHealthy));
    }

    /**
     * The promotion is pushed: from now on the wait is kept, and goes on after a restart.
     *
     * @param commit {@code null} when the images were already there and nothing was committed
     * @param result the promotion step's result, returned with the sync's under {@code sync}
     * @return the wait to announce and {@link #start}, or {@code null} when there is no commit to wait for
     */
    public SyncWait promoted(String environment, String commit, Instant time, Map<String, Object> result) {
        if (!(phase instanceof Promoting promoting)) {
            throw new IllegalStateException("promoted twice");
        }
        if (commit == null) {
            phase = new Finished();
            return null;
        }
        SyncWait wait = new SyncWait(environment, commit, time, promoting.requireHealthy());
        phase = new Waiting(wait, time.toEpochMilli() + promoting.timeoutMillis(), promoting.timeoutText(),
                new LinkedHashMap<>(result));
        return wait;
    }

    /** The wait, once there is one; {@code null} while promoting and when nothing was committed. */
    public SyncWait syncWait() {
        return phase instanceof Waiting waiting ? waiting.commit() : null;
    }

    /** How long the wait may last, as the step was given it. */
    public String timeoutText() {
        Phase now = phase;
        return now instanceof Waiting waiting ? waiting.timeoutText()
                : now instanceof Promoting promoting ? promoting.timeoutText() : null;
    }

    /** Starts listening for the commit; the callback hears one outcome, or none if {@link #cancel} comes first. */
    public void start(ReportStore store, TimeoutScheduler scheduler, Clock clock, SyncWaitCallback callback) {
        if (!(phase instanceof Waiting waiting)) {
            throw new IllegalStateException("nothing to wait for yet");
        }
        waiter = SyncWaiter.start(waiting.commit(), store, scheduler, clock, Instant.ofEpochMilli(waiting.deadline()),
                waiting.timeoutText(), new Finishing(waiting.promotion(), callback));
    }

    /**
     * After a restart: a wait goes on as before, with its deadline; a promotion that was running cannot, as its
     * thread is gone, and the callback hears why, in one line.
     */
    public void resume(ReportStore store, TimeoutScheduler scheduler, Clock clock, SyncWaitCallback callback) {
        Phase now = phase;
        if (now instanceof Waiting) {
            start(store, scheduler, clock, callback);
        } else if (now instanceof Promoting) {
            phase = new Finished();
            callback.failed("the controller restarted while the promotion was running, so it is unknown whether it"
                    + " was pushed; run the step again: images already in place are not committed twice, and it waits"
                    + " for the commit that holds them");
        }
    }

    /** Stops listening without an outcome. */
    public void cancel() {
        phase = new Finished();
        SyncWaiter listening = waiter;
        if (listening != null) {
            listening.cancel();
        }
    }

    private sealed interface Phase extends Serializable permits Promoting, Waiting, Finished {}

    private record Promoting(long timeoutMillis, String timeoutText, boolean requireHealthy) implements Phase {}

    /** @param promotion the promotion's result, or {@code null} for a wait of its own */
    private record Waiting(SyncWait commit, long deadline, String timeoutText, LinkedHashMap<String, Object> promotion)
            implements Phase {

        Waiting {
            Objects.requireNonNull(commit, "commit");
        }
    }

    private record Finished() implements Phase {}

    /** Marks the wait finished before passing the outcome on, with the promotion's result around the sync's. */
    private final class Finishing implements SyncWaitCallback {

        private final Map<String, Object> promotion;
        private final SyncWaitCallback callback;

        Finishing(Map<String, Object> promotion, SyncWaitCallback callback) {
            this.promotion = promotion;
            this.callback = callback;
        }

        @Override
        public void synced(String message, Map<String, Object> result) {
            phase = new Finished();
            if (promotion == null) {
                callback.synced(message, result);
            } else {
                Map<String, Object> both = new LinkedHashMap<>(promotion);
                both.put("sync", result);
                callback.synced(message, both);
            }
        }

        @Override
        public void failed(String message) {
            phase = new Finished();
            callback.failed(message);
        }
    }
}
