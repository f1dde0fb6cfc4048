package io.jenkins.plugins.gitops.demo;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for a condition on an environment's latest stored report, polling the store as a pipeline's
 * wait-for-sync does: only what the agent reported and the receiver accepted counts.
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
