package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.report.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the server cannot render the desired object (fabric8's mock server answers apply patches,
 * dry runs included, with 415; a client-side strategy never asks), the watch compares by the
 * normalisations alone and still reports a live edit. The real control plane cannot be made to
 * refuse apply patches, so this stays on the mock.
 */
class DriftWatchOnTheMockServerBecauseItTakesNoApplyPatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private WatchedCluster cluster;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = WatchedCluster.onMockServer();
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void withClientSideApplyALiveEditIsDriftAndACleanApplyIsNot() throws Exception {
        Report first = cluster.applyAndWatch(DriftWatchTest.APP, WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of()));
        assertThat(first.resources()).allSatisfy(entry -> assertThat(entry.diffs()).isEmpty());

        scaleTo(5);

        assertReplicasDriftTo(cluster.receiver.await(DriftWatchTest.drifted("Deployment", "web"), WAIT), 5);
    }

    @Test
    void aServerSideApplierWhoseDryRunsAreAnswered415StillReportsALiveEdit() throws Exception {
        cluster.apply(WatchedCluster.REVISION, DriftWatchTest.APP);
        Applier serverSide = new Applier(cluster.client, ApplierSettings.defaults(WatchedCluster.NAMESPACE));
        watchWith(serverSide);

        scaleTo(5);

        assertReplicasDriftTo(cluster.receiver.await(DriftWatchTest.drifted("Deployment", "web"), WAIT), 5);
    }

    private void watchWith(Applier applier) {
        cluster.watch = DriftWatch.start(cluster.client, applier, cluster.sender, WatchedCluster.CONTEXT,
                WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of()), () -> true);
        cluster.watch.update(new AppliedState(WatchedCluster.REVISION, List.of(), cluster.desired, List.of(),
                Map.of(), List.of(), null));
    }

    private void scaleTo(int replicas) {
        cluster.client.apps().deployments().inNamespace(WatchedCluster.NAMESPACE).withName("web")
                .edit(live -> new DeploymentBuilder(live).editSpec().withReplicas(replicas).endSpec().build());
    }

    private static void assertReplicasDriftTo(Report report, int replicas) {
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/replicas");
            assertThat(diff.live().json()).isEqualTo(Integer.toString(replicas));
        });
    }
}
