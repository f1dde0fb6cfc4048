package io.jenkins.plugins.gitops.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each transition notifies once per incident, however many reports show it. */
class TransitionDetectorTest {

    private static final String A = "aaaaaaa1111111111111111111111111111111111";
    private static final String B = "bbbbbbb2222222222222222222222222222222222";
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration QUIET = Duration.ofMinutes(5);

    private final TransitionDetector detector = new TransitionDetector(EnumSet.allOf(Transition.class), QUIET);
    private EnvironmentState state = EnvironmentState.NONE;
    private final List<Notification> notified = new ArrayList<>();

    private static ResourceEntry web(ResourceStatus status, Health health, String... paths) {
        List<FieldDiff> diffs = List.of(paths).stream()
                .map(path -> new FieldDiff(path, JsonValue.of(2), JsonValue.of(5), "kubectl-scale", START)).toList();
        return new ResourceEntry("apps/v1", "Deployment", "shop", "web", status, health, diffs, null);
    }

    private static Report report(String revision, SyncPhase phase, Health health, ResourceEntry... resources) {
        return new Report(Report.SCHEMA, "staging", new AgentIdentity("gitops-agent-0", "1.0"),
                new SourceState("https://git.example/config.git", "main", "envs/staging", revision, List.of()), phase, health,
                List.of(resources), List.of(), START, null, Omitted.NONE);
    }

    private static Report synced(String revision) {
        return report(revision, SyncPhase.SYNCED, Health.HEALTHY, web(ResourceStatus.IN_SYNC, Health.HEALTHY));
    }

    private static Report drifted(String revision, String... paths) {
        return report(revision, SyncPhase.OUT_OF_SYNC, Health.HEALTHY, web(ResourceStatus.DRIFTED, Health.HEALTHY, paths));
    }

    /** Feeds a report arriving {@code minutes} after the start. */
    private List<Transition> at(double minutes, Report report) {
        TransitionDetector.Step step = detector.next(state, report, START.plusMillis((long) (minutes * 60_000)));
        state = step.state();
        notified.addAll(step.notifications());
        return step.notifications().stream().map(Notification::transition).toList();
    }

    @Test
    void aNewRevisionSyncedNotifiesOnceAndSyncedAgainAfterDriftDoesNot() {
        assertThat(at(0, report(A, SyncPhase.PROGRESSING, Health.PROGRESSING))).isEmpty();
        assertThat(at(1, synced(A))).containsExactly(Transition.SYNCED);
        assertThat(at(2, synced(A))).isEmpty();
        assertThat(at(3, drifted(A, "/spec/replicas"))).containsExactly(Transition.DRIFT);
        assertThat(at(4, synced(A))).as("corrected: the same revision, not new").isEmpty();
        assertThat(at(10, synced(B))).containsExactly(Transition.SYNCED);
    }

    @Test
    void driftThatFlapsOrSpreadsWithinTheQuietPeriodIsOneIncidentAndAfterItANewOne() {
        assertThat(at(0, synced(A))).containsExactly(Transition.SYNCED);
        assertThat(at(1, drifted(A, "/spec/replicas"))).containsExactly(Transition.DRIFT);
        IntStream.range(0, 20).forEach(i -> assertThat(at(1.1 + i * 0.1, i % 2 == 0 ? synced(A)
                : drifted(A, "/spec/replicas", "/metadata/labels/team"))).as("flapping, report %d", i).isEmpty());
        assertThat(at(4, synced(A))).isEmpty();
        assertThat(at(8.9, synced(A))).as("clear for 4.9 minutes").isEmpty();
        assertThat(at(9.1, synced(A))).isEmpty();
        assertThat(at(9.2, drifted(A, "/spec/replicas"))).as("clear for more than the quiet period: a new incident")
                .containsExactly(Transition.DRIFT);
    }

    @Test
    void degradedNotifiesWhenItBeginsAndAFailingRevisionOncePerRevision() {
        at(0, synced(A));
        assertThat(at(1, report(A, SyncPhase.SYNCED, Health.DEGRADED, web(ResourceStatus.IN_SYNC, Health.DEGRADED))))
                .containsExactly(Transition.DEGRADED);
        assertThat(at(2, report(A, SyncPhase.SYNCED, Health.DEGRADED, web(ResourceStatus.IN_SYNC, Health.DEGRADED)))).isEmpty();
        assertThat(at(3, report(B, SyncPhase.FAILED, Health.DEGRADED))).containsExactly(Transition.FAILED);
        assertThat(at(3.5, report(B, SyncPhase.FAILED, Health.DEGRADED))).as("the retry of B failing again").isEmpty();
        assertThat(at(4, report("ccccccc3333333333333333333333333333333333", SyncPhase.FAILED, Health.DEGRADED)))
                .as("another revision failing").containsExactly(Transition.FAILED);
    }

    @Test
    void onlyTheWantedTransitionsNotifyWithTheParametersABuildGets() {
        TransitionDetector driftOnly = new TransitionDetector(EnumSet.of(Transition.DRIFT), QUIET);
        EnvironmentState after = driftOnly.next(EnvironmentState.NONE, synced(A), START).state();
        TransitionDetector.Step step = driftOnly.next(after, report(A, SyncPhase.OUT_OF_SYNC, Health.HEALTHY,
                web(ResourceStatus.DRIFTED, Health.HEALTHY, "/spec/replicas", "/spec/template/spec/containers/0/image"),
                new ResourceEntry("v1", "Secret", "shop", "db", ResourceStatus.MISSING, Health.UNKNOWN, List.of(), null)),
                START.plusSeconds(60));

        assertThat(step.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.parameters()).containsExactly(
                    Map.entry("GITOPS_ENVIRONMENT", "staging"),
                    Map.entry("GITOPS_TRANSITION", "drift"),
                    Map.entry("GITOPS_REVISION", A),
                    Map.entry("GITOPS_PHASE", "OutOfSync"),
                    Map.entry("GITOPS_HEALTH", "Healthy"),
                    Map.entry("GITOPS_DRIFTED",
                            "Deployment/shop/web (/spec/replicas /spec/template/spec/containers/0/image), Secret/shop/db (missing)"));
            assertThat(notification.describe()).isEqualTo("staging: Drift appears at aaaaaaa");
        });
    }

    @Test
    void aTriggerStartingFromAStoredReportDoesNotNotifyWhatThatReportAlreadyShowed() {
        state = detector.stateAfter(drifted(A, "/spec/replicas"), START);

        assertThat(at(1, drifted(A, "/spec/replicas"))).isEmpty();
        assertThat(at(2, synced(A))).as("A was synced before the drift the stored report showed").containsExactly(Transition.SYNCED);
    }

    @Test
    void theDriftedLineNamesTwentyResourcesAndCountsTheRest() {
        ResourceEntry[] many = IntStream.range(0, 25).mapToObj(i -> new ResourceEntry("v1", "ConfigMap", "shop", "c" + i,
                ResourceStatus.MISSING, Health.UNKNOWN, List.of(), null)).toArray(ResourceEntry[]::new);

        String line = TransitionDetector.driftedLine(report(A, SyncPhase.OUT_OF_SYNC, Health.UNKNOWN, many));

        assertThat(line).startsWith("ConfigMap/shop/c0 (missing), ").endsWith("ConfigMap/shop/c19 (missing) and 5 more");
    }

    @Test
    void anUnknownTransitionIsRefusedNamingTheOnesThereAre() {
        assertThat(Transition.parse(" Degraded ")).isEqualTo(Transition.DEGRADED);
        assertThatThrownBy(() -> Transition.parse("broken")).hasMessage(
                "'broken' is not a transition; use one of drift, degraded, failed, synced");
    }

    @Test
    void aTriggerFollowsOnlyItsEnvironmentsAndFiresOncePerTransitionFromWhereTheStoreWas() {
        Report production = new Report(Report.SCHEMA, "production", new AgentIdentity("gitops-agent-0", "1.0"),
                synced(A).source(), SyncPhase.OUT_OF_SYNC, Health.HEALTHY,
                List.of(web(ResourceStatus.DRIFTED, Health.HEALTHY, "/spec/replicas")), List.of(), START, null, Omitted.NONE);
        TriggerState trigger = new TriggerState(Set.of("staging"), EnumSet.of(Transition.DRIFT, Transition.SYNCED),
                QUIET, List.of(synced(A)), START);

        assertThat(trigger.accept(production, START.plusSeconds(1))).as("another environment").isEmpty();
        assertThat(trigger.accept(synced(A), START.plusSeconds(2))).as("A was synced when the trigger started").isEmpty();
        List<Notification> fired = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fired.addAll(trigger.accept(drifted(A, "/spec/replicas"), START.plusSeconds(3 + i)));
        }
        fired.addAll(trigger.accept(synced(B), START.plusSeconds(20)));
        assertThat(fired).extracting(Notification::transition).containsExactly(Transition.DRIFT, Transition.SYNCED);
    }
}
