package io.jenkins.plugins.gitops.demo;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.sync.SyncWait;
import io.jenkins.plugins.gitops.sync.SyncWaitCallback;
import io.jenkins.plugins.gitops.sync.SyncWaiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits on an environment's stored reports: for a commit with the {@code gitopsWaitForSync} step's own
 * {@link SyncWaiter}, and for other conditions by polling the latest report. Only what the agent
 * reported and the receiver accepted counts.
 */
final class ReportWait {

    private static final Duration POLL = Duration.ofMillis(50);

    private final ReportStore store;
    private final String environment;
    private final Duration timeout;

    ReportWait(ReportStore store, String environment, Duration timeout) {
        this.store = store;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * Waits as {@code gitopsWaitForSync} does: until the reports show {@code commit} applied (and healthy).
     *
     * @return the latest report once they do
     * @throws StepFailed when the wait failed or timed out, with the step's one-line message
     */
    Report untilSynced(String commit, boolean requireHealthy) throws InterruptedException {
        BlockingQueue<Optional<String>> failure = new ArrayBlockingQueue<>(1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        SyncWaiter waiter = SyncWaiter.start(new SyncWait(environment, commit, Instant.now(), requireHealthy), store,
                (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), Clock.systemUTC(),
                Instant.now().plus(timeout), timeout.toSeconds() + "s", new SyncWaitCallback() {
                    @Override
                    public void synced(String message, Map<String, Object> result) {
                        failure.add(Optional.empty());
                    }

                    @Override
                    public void failed(String message) {
                        failure.add(Optional.of(message));
                    }
                });
        try {
            Optional<String> failed = failure.take();
            if (failed.isPresent()) {
                throw new StepFailed(failed.get());
            }
        } finally {
            waiter.cancel();
            timer.shutdownNow();
        }
        return store.environment(environment).orElseThrow().latest().report();
    }

    /**
     * @param what the condition in words, for the failure message
     * @return the first latest report that meets the condition
     * @throws StepFailed when none did within the timeout, naming the latest report seen
     */
    Report until(Predicate<Report> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Report> latest = store.environment(environment).map(reports -> reports.latest().report());
            if (latest.isPresent() && condition.test(latest.get())) {
                return latest.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new StepFailed("no report showed " + what + " within " + timeout.toSeconds() + " s; latest: "
                        + latest.map(ReportConditions::describe).orElse("no report from the agent at all"));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A step's condition did not hold; the message says what was seen instead. */
    static final class StepFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
