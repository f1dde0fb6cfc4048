package io.jenkins.plugins.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waiting machinery of {@code gitopsWaitForSync} and {@code gitopsPromote(waitForSync: true)} against a real
 * report store, with the step's context replaced by a recording callback and the timer by one the test fires.
 */
class SyncWaiterTest {

    private static final Instant T = TestReports.NOW;
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final String C = TestReports.commit("promoted");
    private static final String OLD = TestReports.commit("old");

    @TempDir
    Path dir;

    private ReportStore store;
    private final Recorder callback = new Recorder();
    private final ManualTimer timer = new ManualTimer();

    @BeforeEach
    void openStore() throws IOException {
        store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, CLOCK);
    }

    private SyncWaiter start(boolean requireHealthy) {
        return SyncWaiter.start(new SyncWait("staging", C, T, requireHealthy), store, timer, CLOCK,
                T.plus(Duration.ofMinutes(10)), "10m", callback);
    }

    private void report(int minutes, String revision, List<String> applied, SyncPhase phase, Health health) throws IOException {
        TestReports.addTo(store, report("staging", minutes, revision, applied, phase, health));
    }

    private static Report report(String environment, int minutes, String revision, List<String> applied, SyncPhase phase,
            Health health) {
        return TestReports.report(environment, T.plusSeconds(60L * minutes), revision, applied, phase, health, 2, 0);
    }

    @Test
    void completesWhenAReportShowsTheCommitHealthyAndThenLetsGo() throws IOException {
        SyncWaiter waiter = start(true);
        report(1, OLD, List.of(), SyncPhase.SYNCED, Health.HEALTHY);
        TestReports.addTo(store, report("production", 2, C, List.of(C), SyncPhase.SYNCED, Health.HEALTHY));
        report(3, C, List.of(C), SyncPhase.PROGRESSING, Health.PROGRESSING);
        assertThat(callback.outcomes).isEmpty();
        assertThat(timer.delay).isEqualTo(Duration.ofMinutes(10));

        report(4, C, List.of(), SyncPhase.SYNCED, Health.HEALTHY);
        report(5, C, List.of(), SyncPhase.SYNCED, Health.DEGRADED);

        assertThat(callback.outcomes).containsExactly("synced: commit 70726f6 is Healthy in staging; last report:"
                + " revision 70726f6, phase Synced, health Healthy, at 2026-11-22T10:04:00Z");
        assertThat(callback.result).containsEntry("state", "Healthy").containsEntry("commit", C);
        assertThat(timer.task.isCancelled()).as("timeout cancelled").isTrue();
        assertThat(waiter.isFinished()).isTrue();
        assertThat(waiter.cancel()).as("nothing left to cancel").isFalse();
    }

    @Test
    void completesAtOnceWhenTheStoredReportsAlreadyDecide() throws IOException {
        report(1, C, List.of(C), SyncPhase.SYNCED, Health.DEGRADED);

        start(true);

        assertThat(callback.outcomes).containsExactly("failed: commit 70726f6 is Degraded in staging; last report:"
                + " revision 70726f6, phase Synced, health Degraded, at 2026-11-22T10:01:00Z");
        assertThat(timer.task).as("no timeout scheduled").isNull();
    }

    @Test
    void failsWhenTheCommitFailsToSync() throws IOException {
        start(false);

        report(2, C, List.of(C), SyncPhase.FAILED, Health.UNKNOWN);

        assertThat(callback.outcomes).singleElement().asString().startsWith("failed: commit 70726f6 failed to sync in staging;");
    }

    @Test
    void timesOutNamingTheLastReportAndIgnoresLaterReports() throws IOException {
        start(true);
        report(1, C, List.of(C), SyncPhase.PROGRESSING, Health.PROGRESSING);

        timer.fire();
        report(2, C, List.of(), SyncPhase.SYNCED, Health.HEALTHY);

        assertThat(callback.outcomes).containsExactly("failed: commit 70726f6 was not applied and healthy in staging within"
                + " 10m; last report: revision 70726f6, phase Progressing, health Progressing, at 2026-11-22T10:01:00Z");
    }

    @Test
    void aDeadlineAlreadyPastTimesOutAtOnce() {
        SyncWaiter.start(new SyncWait("staging", C, T, true), store, timer, CLOCK, T.minusSeconds(1), "1s", callback);

        assertThat(timer.delay).isEqualTo(Duration.ZERO);
        timer.fire();
        assertThat(callback.outcomes).containsExactly(
                "failed: commit 70726f6 was not applied and healthy in staging within 1s; no report from the agent yet");
    }

    @Test
    void cancellingStopsListeningAndTheTimeoutWithoutAnOutcome() throws IOException {
        SyncWaiter waiter = start(true);

        assertThat(waiter.cancel()).isTrue();
        report(1, C, List.of(C), SyncPhase.SYNCED, Health.HEALTHY);
        timer.fire();

        assertThat(callback.outcomes).isEmpty();
        assertThat(timer.task.isCancelled()).isTrue();
    }

    @Test
    @Timeout(30)
    void aReportOnAnotherThreadCompletesTheWaitUnderARealScheduler() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(1);
        List<String> heard = new ArrayList<>();
        try {
            SyncWaiter.start(new SyncWait("staging", C, T, true), store,
                    (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                    Clock.systemUTC(), Instant.now().plus(Duration.ofMinutes(5)), "5m", new SyncWaitCallback() {
                        @Override
                        public void synced(String message, Map<String, Object> result) {
                            heard.add(Thread.currentThread().getName() + ": " + result.get("state"));
                            done.countDown();
                        }

                        @Override
                        public void failed(String message) {
                            heard.add(message);
                            done.countDown();
                        }
                    });
            Thread receiver = new Thread(() -> {
                try {
                    report(1, C, List.of(C), SyncPhase.SYNCED, Health.HEALTHY);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "receiver");
            receiver.start();

            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(heard).containsExactly("receiver: Healthy");
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Stands in for the step's context: records what it hears. */
    private static final class Recorder implements SyncWaitCallback {

        final List<String> outcomes = new ArrayList<>();
        Map<String, Object> result;

        @Override
        public void synced(String message, Map<String, Object> result) {
            outcomes.add("synced: " + message);
            this.result = result;
        }

        @Override
        public void failed(String message) {
            outcomes.add("failed: " + message);
        }
    }

    /** A timer the test fires; running a cancelled task is what a real timer never does, so it does not either. */
    private static final class ManualTimer implements TimeoutScheduler {

        Runnable runnable;
        CompletableFuture<Void> task;
        Duration delay;

        @Override
        public Future<?> schedule(Runnable runnable, Duration delay) {
            this.runnable = runnable;
            this.delay = delay;
            this.task = new CompletableFuture<>();
            return task;
        }

        void fire() {
            if (!task.isCancelled()) {
                runnable.run();
            }
        }
    }
}
