package io.jenkins.plugins.gitops.pages;

import static io.jenkins.plugins.gitops.pages.CommitState.APPLIED;
import static io.jenkins.plugins.gitops.pages.CommitState.DEGRADED;
import static io.jenkins.plugins.gitops.pages.CommitState.HEALTHY;
import static io.jenkins.plugins.gitops.pages.CommitState.PENDING;
import static io.jenkins.plugins.gitops.pages.CommitState.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.pages.CommitTimeline.StateAt;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitTimelineTest {

    private static final Instant T = TestReports.NOW;
    private static final String C = TestReports.commit("promoted");
    private static final String OLD = TestReports.commit("old");
    private static final String NEWER = TestReports.commit("newer");

    private final List<ReportSummary> history = new ArrayList<>();

    /** Adds a report written {@code minutes} after the promotion. */
    private void report(int minutes, String revision, List<String> applied, Health health) {
        history.add(new ReportSummary(history.size() + 1, at(minutes), at(minutes), revision, applied,
                SyncPhase.SYNCED, health, 0, null));
    }

    private static Instant at(int minutes) {
        return T.plusSeconds(60L * minutes);
    }

    private static StateAt state(CommitState state, int minutes) {
        return new StateAt(state, at(minutes));
    }

    private CommitTimeline timeline() {
        return CommitTimeline.of(C, T, history);
    }

    @Test
    void isPendingUntilAReportShowsTheCommit() {
        report(1, OLD, List.of(), Health.HEALTHY);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0));
        assertThat(timeline().current()).isEqualTo(PENDING);
        assertThat(CommitTimeline.of(C, T, List.of()).states()).containsExactly(state(PENDING, 0));
    }

    @Test
    void isAppliedWhenTheRevisionIsTheCommitAndHealthIsStillOpen() {
        report(2, C, List.of(C), Health.PROGRESSING);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0), state(APPLIED, 2));
        assertThat(timeline().supersededBy()).isNull();
    }

    @Test
    void becomesHealthyAtTheFirstHealthyReportOfItsRevision() {
        report(2, C, List.of(C), Health.PROGRESSING);
        report(4, C, List.of(), Health.HEALTHY);
        report(6, C, List.of(), Health.HEALTHY);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0), state(APPLIED, 2), state(HEALTHY, 4));
    }

    @Test
    void aHealthyApplyingReportIsAppliedAndHealthyAtOnce() {
        report(2, C, List.of(C), Health.HEALTHY);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0), state(APPLIED, 2), state(HEALTHY, 2));
    }

    @Test
    void theLastDecidingHealthWinsTimedFromWhenItBegan() {
        report(2, C, List.of(C), Health.HEALTHY);
        report(4, C, List.of(), Health.DEGRADED);
        report(6, C, List.of(), Health.PROGRESSING);
        report(8, C, List.of(), Health.DEGRADED);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0), state(APPLIED, 2), state(DEGRADED, 4));
        assertThat(timeline().current()).isEqualTo(DEGRADED);
    }

    @Test
    void progressingAndUnknownDoNotUndoADecision() {
        report(2, C, List.of(C), Health.DEGRADED);
        report(4, C, List.of(), Health.UNKNOWN);
        report(6, C, List.of(), Health.PROGRESSING);

        assertThat(timeline().current()).isEqualTo(DEGRADED);
    }

    @Test
    void isSupersededByTheFirstLaterReportOfAnotherRevision() {
        report(1, OLD, List.of(), Health.HEALTHY);
        report(2, C, List.of(C), Health.HEALTHY);
        report(5, NEWER, List.of(NEWER), Health.DEGRADED);
        report(7, C, List.of(C), Health.HEALTHY);

        CommitTimeline timeline = timeline();

        assertThat(timeline.states()).containsExactly(state(PENDING, 0), state(APPLIED, 2), state(HEALTHY, 2), state(SUPERSEDED, 5));
        assertThat(timeline.supersededBy()).isEqualTo(NEWER);
    }

    @Test
    void appliedTogetherWithANewerCommitIsAppliedAndSupersededAtOnce() {
        report(3, NEWER, List.of(NEWER, C), Health.HEALTHY);

        assertThat(timeline().states()).containsExactly(state(PENDING, 0), state(APPLIED, 3), state(SUPERSEDED, 3));
        assertThat(timeline().supersededBy()).isEqualTo(NEWER);
    }

    @Test
    void aPromotionThatCommittedNothingHasNoStates() {
        report(1, C, List.of(C), Health.HEALTHY);

        assertThat(CommitTimeline.of(null, T, history).states()).isEmpty();
        assertThat(CommitTimeline.of(null, T, history).current()).isNull();
    }
}
