package io.jenkins.plugins.gitops.sync;

import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits for a {@link SyncWait} without holding a thread: it judges the stored reports at once, again after every
 * report the store keeps for the environment, and gives up at the deadline. The callback hears exactly one
 * outcome, unless {@link #cancel} comes first; either way the store listener and the timeout are released.
 */
public final class SyncWaiter {

    private final SyncWait wait;
    private final ReportStore store;
    private final SyncWaitCallback callback;
    private final String timeoutText;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ReportStore.Registration registration;
    private volatile Future<?> timeout;

    private SyncWaiter(SyncWait wait, ReportStore store, SyncWaitCallback callback, String timeoutText) {
        this.wait = wait;
        this.store = store;
        this.callback = callback;
        this.timeoutText = timeoutText;
    }

    /**
     * Starts waiting. The callback may be called before this returns, when the reports already decide.
     *
     * @param deadline when to give up; already past means a verdict now or a timeout
     * @param timeoutText how the timeout was written, for the failure message (for example {@code 10m})
     */
    public static SyncWaiter start(SyncWait wait, ReportStore store, TimeoutScheduler scheduler, Clock clock,
            Instant deadline, String timeoutText, SyncWaitCallback callback) {
        SyncWaiter waiter = new SyncWaiter(wait, store, callback, timeoutText);
        // Listening before the first look: a report stored in between is judged rather than missed.
        waiter.registration = store.addListener(waiter::onReports);
        waiter.judge(history(store.environment(wait.environment()).orElse(null)));
        if (!waiter.finished.get()) {
            Duration left = Duration.between(clock.instant(), deadline);
            waiter.timeout = scheduler.schedule(waiter::onTimeout, left.isNegative() ? Duration.ZERO : left);
        }
        if (waiter.finished.get()) {
            waiter.release();
        }
        return waiter;
    }

    /** Stops waiting without an outcome; {@code true} when the wait was still going on. */
    public boolean cancel() {
        boolean stopped = finished.compareAndSet(false, true);
        release();
        return stopped;
    }

    public boolean isFinished() {
        return finished.get();
    }

    private void onReports(EnvironmentReports reports) {
        if (reports.environment().equals(wait.environment())) {
            judge(reports.history());
        }
    }

    private void judge(List<ReportSummary> history) {
        if (finished.get()) {
            return;
        }
        SyncVerdict verdict = wait.judge(history);
        if (verdict.done()) {
            finish(verdict);
        }
    }

    private void onTimeout() {
        if (finished.get()) {
            return;
        }
        List<ReportSummary> history = history(store.environment(wait.environment()).orElse(null));
        SyncVerdict verdict = wait.judge(history);
        // A report that decided just now still counts; otherwise the time is up.
        finish(verdict.done() ? verdict : wait.timedOut(timeoutText, history));
    }

    private void finish(SyncVerdict verdict) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        release();
        if (verdict.outcome() == SyncVerdict.Outcome.SYNCED) {
            callback.synced(verdict.message(), new LinkedHashMap<>(verdict.result()));
        } else {
            callback.failed(verdict.message());
        }
    }

    private void release() {
        ReportStore.Registration listening = registration;
        if (listening != null) {
            listening.close();
        }
        Future<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private static List<ReportSummary> history(EnvironmentReports reports) {
        return reports == null ? List.of() : reports.history();
    }
}
