package io.jenkins.plugins.gitops.sync;

import static io.jenkins.plugins.gitops.sync.SyncVerdict.Outcome.FAILED;
import static io.jenkins.plugins.gitops.sync.SyncVerdict.Outcome.SYNCED;
import static io.jenkins.plugins.gitops.sync.SyncVerdict.Outcome.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWaitTest {

    private static final Instant T = TestReports.NOW;
    private static final String C = TestReports.commit("promoted");
    private static final String OLD = TestReports.commit("old");
    private static final String NEWER = TestReports.commit("newer");

    private final List<ReportSummary> history = new ArrayList<>();

    private void report(int minutes, String revision, List<String> applied, SyncPhase phase, Health health) {
        Instant at = T.plusSeconds(60L * minutes);
        history.add(new ReportSummary(history.size() + 1, at, at, revision, applied, phase, health, 0, null));
    }

    private static SyncWait healthy() {
        return new SyncWait("staging", C, T, true);
    }

    private static SyncWait applied() {
        return new SyncWait("staging", C, T, false);
    }

    @Test
    void waitsWhileNoReportShowsTheCommitWhateverOlderRevisionsSay() {
        assertThat(healthy().judge(history).message()).isEqualTo("commit 70726f6 not yet there; no report from the agent yet");
        report(1, OLD, List.of(), SyncPhase.FAILED, Health.DEGRADED);

        SyncVerdict verdict = healthy().judge(history);

        assertThat(verdict.outcome()).isEqualTo(WAITING);
        assertThat(verdict.message()).isEqualTo("commit 70726f6 not yet there; last report: revision 6f6c640,"
                + " phase Failed, health Degraded, at 2026-11-22T10:01:00Z");
    }

    @Test
    void appliedIsEnoughWithoutRequireHealthyAndTheResultSaysWhere() {
        report(2, C, List.of(C), SyncPhase.PROGRESSING, Health.PROGRESSING);

        SyncVerdict verdict = applied().judge(history);

        assertThat(verdict.outcome()).isEqualTo(SYNCED);
        assertThat(verdict.result()).containsEntry("environment", "staging").containsEntry("commit", C)
                .containsEntry("state", "Applied").containsEntry("revision", C).containsEntry("syncPhase", "Progressing")
                .containsEntry("health", "Progressing").containsEntry("reportedAt", "2026-11-22T10:02:00Z");
        assertThat(healthy().judge(history).outcome()).isEqualTo(WAITING);
    }

    @Test
    void isSyncedWhenTheCommitBecomesHealthy() {
        report(2, C, List.of(C), SyncPhase.PROGRESSING, Health.PROGRESSING);
        report(3, C, List.of(), SyncPhase.SYNCED, Health.HEALTHY);

        SyncVerdict verdict = healthy().judge(history);

        assertThat(verdict.outcome()).isEqualTo(SYNCED);
        assertThat(verdict.result()).containsEntry("state", "Healthy");
        assertThat(verdict.message()).startsWith("commit 70726f6 is Healthy in staging; last report: revision 70726f6");
    }

    @Test
    void failsWhenTheCommitIsDegradedButOnlyWhenHealthIsRequired() {
        report(2, C, List.of(C), SyncPhase.SYNCED, Health.DEGRADED);

        SyncVerdict verdict = healthy().judge(history);

        assertThat(verdict.outcome()).isEqualTo(FAILED);
        assertThat(verdict.message()).isEqualTo("commit 70726f6 is Degraded in staging; last report: revision 70726f6,"
                + " phase Synced, health Degraded, at 2026-11-22T10:02:00Z");
        assertThat(applied().judge(history).outcome()).isEqualTo(SYNCED);
    }

    @Test
    void failsAtOnceWithTheAgentsReasonWhenTheAgentRefusedTheCommit() {
        Instant at = T.plusSeconds(60);
        String reason = "revision " + C + " refused (1 problem), still at " + OLD
                + ": commit 70726f6: no signature (author Fixture <fixture@example.invalid>)";
        history.add(new ReportSummary(1, at, at, OLD, List.of(), SyncPhase.FAILED, Health.HEALTHY, 0, null, new Refusal(C, reason)));

        SyncVerdict verdict = applied().judge(history);

        assertThat(verdict.outcome()).isEqualTo(FAILED);
        assertThat(verdict.message()).isEqualTo("commit 70726f6 was refused by the agent of staging: " + reason);
        assertThat(new SyncWait("staging", NEWER, T, false).judge(history).outcome()).as("another commit").isEqualTo(WAITING);
    }

    @Test
    void failsWhenTheCommitFailsToSyncEvenWithoutRequireHealthy() {
        report(2, C, List.of(C), SyncPhase.FAILED, Health.PROGRESSING);

        assertThat(healthy().judge(history).message()).startsWith("commit 70726f6 failed to sync in staging; last report:");
        assertThat(applied().judge(history).outcome()).isEqualTo(FAILED);
    }

    @Test
    void aCommitAppliedTogetherWithANewerOneFollowsTheNewerRevision() {
        report(2, NEWER, List.of(NEWER, C), SyncPhase.PROGRESSING, Health.PROGRESSING);
        assertThat(applied().judge(history).result()).containsEntry("state", "Superseded");
        assertThat(healthy().judge(history).outcome()).isEqualTo(WAITING);

        report(3, NEWER, List.of(), SyncPhase.SYNCED, Health.HEALTHY);
        SyncVerdict verdict = healthy().judge(history);

        assertThat(verdict.outcome()).isEqualTo(SYNCED);
        assertThat(verdict.result()).containsEntry("state", "Superseded").containsEntry("revision", NEWER);
    }

    @Test
    void aSupersedingRevisionThatIsDegradedFailsAnUndecidedWait() {
        report(2, NEWER, List.of(NEWER, C), SyncPhase.SYNCED, Health.DEGRADED);

        assertThat(healthy().judge(history).message())
                .startsWith("commit 70726f6 was superseded by a revision that is Degraded in staging; last report: revision 6e65776");
    }

    @Test
    void aCommitThatWasHealthyStaysSyncedAfterANewerRevisionBreaks() {
        report(2, C, List.of(C), SyncPhase.SYNCED, Health.HEALTHY);
        report(3, NEWER, List.of(NEWER), SyncPhase.FAILED, Health.DEGRADED);

        assertThat(healthy().judge(history).outcome()).isEqualTo(SYNCED);
    }

    @Test
    void timingOutNamesTheGoalTheLimitAndTheLastReport() {
        assertThat(healthy().timedOut("10m", history).message())
                .isEqualTo("commit 70726f6 was not applied and healthy in staging within 10m; no report from the agent yet");
        report(4, OLD, List.of(), SyncPhase.SYNCED, Health.HEALTHY);

        SyncVerdict verdict = applied().timedOut("90s", history);

        assertThat(verdict.outcome()).isEqualTo(FAILED);
        assertThat(verdict.message()).isEqualTo("commit 70726f6 was not applied in staging within 90s; last report:"
                + " revision 6f6c640, phase Synced, health Healthy, at 2026-11-22T10:04:00Z");
    }

    @Test
    void survivesJavaSerializationAsAWaitingStepKeepsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(healthy());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(healthy());
        }
    }

    @Test
    void refusesAnAbbreviatedCommitOrABlankEnvironment() {
        assertThatThrownBy(() -> new SyncWait("staging", "abc1234", T, true))
                .hasMessage("commit: expected a full lowercase commit id (40 hex digits), not 'abc1234'");
        assertThatThrownBy(() -> new SyncWait(" ", C, T, true)).hasMessage("environment: required");
    }
}
