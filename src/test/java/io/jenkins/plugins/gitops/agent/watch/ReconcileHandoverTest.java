package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop's hand-over to the watch, on the local control plane. */
@OnLocalControlPlane
class ReconcileHandoverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NEXT = "5555555555555555555555555555555555555555";

    private WatchedCluster cluster;
    private ReconcileHandover handover;
    private long sequence;

    @BeforeEach
    void startCluster(TestNamespace namespace) throws Exception {
        cluster = WatchedCluster.on(namespace);
        cluster.startWatch(WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of()));
        handover = new ReconcileHandover(cluster.watch);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void theRoundThatAppliesARevisionIsReportedWithItsCommitsAndEventsAndLaterRoundsWithNeither() throws Exception {
        ApplyResult applied = cluster.apply(WatchedCluster.REVISION, DriftWatchTest.APP);

        handover.reconciled(round(WatchedCluster.REVISION, List.of(WatchedCluster.REVISION, NEXT), applied,
                Condition.ok(Instant.now())));
        Report first = cluster.receiver.await(report -> true, WAIT);
        handover.reconciled(round(WatchedCluster.REVISION, List.of(), applied, Condition.ok(Instant.now())));
        Report second = cluster.receiver.await(report -> true, WAIT);

        assertThat(first.source().appliedCommits()).containsExactly(WatchedCluster.REVISION, NEXT);
        assertThat(first.events()).extracting(ReportEvent::message).contains("created " + cluster.id("apps/Deployment", "web"));
        assertThat(second.source().appliedCommits()).isEmpty();
        assertThat(second.events()).isEmpty();
        assertThat(second.resources()).extracting(entry -> entry.status()).containsOnly(ResourceStatus.IN_SYNC);
    }

    @Test
    void aRefusedTipMakesThePhaseFailedWithOneFailedEventAndIsNamedWhileTheAcceptedRevisionIsStillWatched() throws Exception {
        ApplyResult applied = cluster.apply(WatchedCluster.REVISION, DriftWatchTest.APP);
        handover.reconciled(round(WatchedCluster.REVISION, List.of(WatchedCluster.REVISION), applied, Condition.ok(Instant.now())));
        cluster.receiver.await(report -> true, WAIT);
        Condition refused = new Condition(Condition.Kind.REFUSED, "app.yaml:3: image tag latest is not allowed", 1, Instant.now());

        handover.reconciled(round(NEXT, WatchedCluster.REVISION, List.of(), applied, refused));
        Report failed = cluster.receiver.await(report -> true, WAIT);
        handover.reconciled(round(NEXT, WatchedCluster.REVISION, List.of(), applied,
                new Condition(refused.kind(), refused.message(), 2, refused.since())));
        Report stillFailed = cluster.receiver.await(report -> true, WAIT);

        assertThat(failed.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(failed.source().revision()).isEqualTo(WatchedCluster.REVISION);
        assertThat(failed.source().refused()).isEqualTo(new Refusal(NEXT, "app.yaml:3: image tag latest is not allowed"));
        assertThat(failed.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.FAILED);
            assertThat(event.message()).isEqualTo("refused: app.yaml:3: image tag latest is not allowed");
        });
        assertThat(stillFailed.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(stillFailed.events()).isEmpty();
        assertThat(resource(stillFailed, "Deployment", "web").status()).isEqualTo(ResourceStatus.IN_SYNC);
    }

    @Test
    void aNewRevisionIsReportedWithItsApplyEvents() throws Exception {
        ApplyResult first = cluster.apply(WatchedCluster.REVISION, DriftWatchTest.APP);
        handover.reconciled(round(WatchedCluster.REVISION, List.of(WatchedCluster.REVISION), first, Condition.ok(Instant.now())));
        cluster.receiver.await(report -> true, WAIT);
        ApplyResult next = cluster.apply(NEXT, DriftWatchTest.APP.replace("replicas: 2", "replicas: 3"));

        handover.reconciled(round(NEXT, List.of(NEXT), next, Condition.ok(Instant.now())));

        Report report = cluster.receiver.await(r -> r.source().revision().equals(NEXT), WAIT);
        assertThat(report.source().appliedCommits()).containsExactly(NEXT);
        assertThat(report.events()).extracting(ReportEvent::message).containsExactly("configured " + cluster.id("apps/Deployment", "web"));
    }

    @Test
    void nothingIsHandedOverBeforeARevisionIsAccepted() throws Exception {
        handover.reconciled(new ReconcileSnapshot(++sequence, Instant.now(), Duration.ofMillis(5), "", "", List.of(), List.of(), false,
                Optional.empty(), Map.of(), List.of(), new Condition(Condition.Kind.SOURCE, "cannot reach the repository", 1,
                        Instant.now())));

        assertThat(cluster.watch.resync()).isEmpty();
        assertThat(cluster.receiver.accepted()).isEmpty();
    }

    private ReconcileSnapshot round(String revision, List<String> appliedCommits, ApplyResult apply, Condition condition) {
        return round(revision, revision, appliedCommits, apply, condition);
    }

    /** A round that saw the tip {@code source} while {@code revision} is applied. */
    private ReconcileSnapshot round(String source, String revision, List<String> appliedCommits, ApplyResult apply, Condition condition) {
        return new ReconcileSnapshot(++sequence, Instant.now(), Duration.ofMillis(5), source, revision, appliedCommits,
                cluster.desired, condition.isOk(), Optional.of(apply), Map.of(), List.of(), condition);
    }
}
