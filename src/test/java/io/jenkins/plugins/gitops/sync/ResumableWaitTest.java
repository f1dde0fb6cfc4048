package io.jenkins.plugins.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of {@code gitopsPromote(waitForSync: true)} and {@code gitopsWaitForSync} across controller restarts:
 * the wait is serialised as the Pipeline saves its step at each point of that life, read back as a restarted
 * controller reads it, and resumed against a real report store.
 */
class ResumableWaitTest {

    private static final Instant T = TestReports.NOW;
    private static final String C = TestReports.commit("promoted");
    private static final Map<String, Object> PROMOTION = Map.of("commit", C, "changed", true, "environment", "staging");

    @TempDir
    Path dir;

    private ReportStore store;
    private final Recorder callback = new Recorder();
    private final ManualTimer timer = new ManualTimer();

    @BeforeEach
    void openStore() throws IOException {
        store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.fixed(T, ZoneOffset.UTC));
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private void report(int minutes, String revision, SyncPhase phase, Health health) throws IOException {
        TestReports.addTo(store, TestReports.report("staging", T.plusSeconds(60L * minutes), revision, List.of(revision),
                phase, health, 2, 0));
    }

    @Test
    void aRestartDuringThePromotionFailsTheStepSayingSoInsteadOfWaitingForever() throws Exception {
        ResumableWait saved = restarted(ResumableWait.promoting(Duration.ofMinutes(10), "10m", true));

        saved.resume(store, timer, at(T), callback);

        assertThat(callback.outcomes).singleElement().asString()
                .startsWith("failed: the controller restarted while the promotion was running")
                .contains("run the step again");
        assertThat(timer.delay).as("no timeout left behind").isNull();
    }

    @Test
    void aRestartAfterThePushGoesOnWaitingWithTheDeadlineCountedFromThePush() throws Exception {
        ResumableWait wait = ResumableWait.promoting(Duration.ofMinutes(10), "10m", true);
        SyncWait commit = wait.promoted("staging", C, T, PROMOTION);
        assertThat(commit.commit()).isEqualTo(C);

        ResumableWait resumed = restarted(wait);
        resumed.resume(store, timer, at(T.plus(Duration.ofMinutes(4))), callback);

        assertThat(timer.delay).as("what is left of the 10m after 4m").isEqualTo(Duration.ofMinutes(6));
        report(5, C, SyncPhase.SYNCED, Health.HEALTHY);
        assertThat(callback.outcomes).singleElement().asString().startsWith("synced: commit 70726f6 is Healthy in staging");
        assertThat(callback.result).containsEntry("commit", C).containsEntry("changed", true);
        assertThat(callback.result.get("sync")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("state", "Healthy");
        assertThat(timer.task.isCancelled()).isTrue();
    }

    @Test
    void aWaitSavedWhileListeningIsListenedToAgainAndStillTimesOut() throws Exception {
        ResumableWait wait = ResumableWait.promoting(Duration.ofMinutes(10), "10m", true);
        wait.promoted("staging", C, T, PROMOTION);
        wait.start(store, new ManualTimer(), at(T), new Recorder());
        report(1, C, SyncPhase.PROGRESSING, Health.PROGRESSING);

        ResumableWait resumed = restarted(wait);
        resumed.resume(store, timer, at(T.plus(Duration.ofMinutes(11))), callback);

        assertThat(timer.delay).as("the deadline passed while the controller was down").isEqualTo(Duration.ZERO);
        timer.fire();
        assertThat(callback.outcomes).containsExactly("failed: commit 70726f6 was not applied and healthy in staging"
                + " within 10m; last report: revision 70726f6, phase Progressing, health Progressing, at 2026-11-22T10:01:00Z");
    }

    @Test
    void aReportThatArrivedWhileTheControllerWasDownDecidesAtOnceOnResume() throws Exception {
        ResumableWait wait = ResumableWait.waiting(new SyncWait("staging", C, T, false), T.plus(Duration.ofMinutes(10)), "10m");
        ResumableWait saved = restarted(wait);
        report(2, C, SyncPhase.SYNCED, Health.PROGRESSING);

        saved.resume(store, timer, at(T.plus(Duration.ofMinutes(3))), callback);

        assertThat(callback.outcomes).singleElement().asString().startsWith("synced: commit 70726f6 is Applied in staging");
        assertThat(callback.result).as("gitopsWaitForSync returns the sync's result alone").doesNotContainKey("sync")
                .containsEntry("commit", C);
    }

    @Test
    void aFinishedWaitDoesNothingWhenResumed() throws Exception {
        ResumableWait wait = ResumableWait.waiting(new SyncWait("staging", C, T, true), T.plus(Duration.ofMinutes(10)), "10m");
        report(1, C, SyncPhase.SYNCED, Health.HEALTHY);
        wait.start(store, timer, at(T), new Recorder());

        restarted(wait).resume(store, timer, at(T), callback);

        assertThat(callback.outcomes).isEmpty();
    }

    @Test
    void aPromotionThatCommittedNothingHasNothingToWaitForAndDoesNothingWhenResumed() throws Exception {
        ResumableWait wait = ResumableWait.promoting(Duration.ofMinutes(10), "10m", true);

        assertThat(wait.promoted("staging", null, T, PROMOTION)).isNull();

        restarted(wait).resume(store, timer, at(T), callback);
        assertThat(callback.outcomes).isEmpty();
        assertThat(timer.delay).isNull();
    }

    @Test
    void stoppingTheStepReleasesTheListenerAndTheTimeout() throws Exception {
        ResumableWait wait = ResumableWait.waiting(new SyncWait("staging", C, T, true), T.plus(Duration.ofMinutes(10)), "10m");
        wait.start(store, timer, at(T), callback);

        wait.cancel();
        report(1, C, SyncPhase.SYNCED, Health.HEALTHY);

        assertThat(callback.outcomes).isEmpty();
        assertThat(timer.task.isCancelled()).isTrue();
        restarted(wait).resume(store, new ManualTimer(), at(T), callback);
        assertThat(callback.outcomes).as("a stopped step stays stopped").isEmpty();
    }

    /** What a controller restart does to the step's state: written with the build, read back by a new JVM. */
    private static ResumableWait restarted(ResumableWait wait) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(wait);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ResumableWait) in.readObject();
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

    /** A timer the test fires. */
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
