package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.testing.BareRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two agents on one mock API server elect a leader on a Lease; only the leader writes. */
@Timeout(90)
class LeaderElectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /** A killed process does not release its Lease: the follower waits out its duration. */
    private static LeaseLeadership.Settings lease(String identity) {
        return new LeaseLeadership.Settings(AgentFixture.NAMESPACE, "gitops-agent", identity, Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(300), false);
    }

    @Test
    void exactlyOneAgentAppliesAndTheOtherTakesOverWhenTheLeaderIsKilled() throws Exception {
        BareRepository repository = AgentFixture.repository(temp, Map.of("web", "1"));
        try (FaultyCluster cluster = new FaultyCluster()) {
            Started first = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                    AgentFixture.settings(temp.resolve("work-a"), Optional.of(lease("agent-a")), Optional.empty()));
            Started second = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                    AgentFixture.settings(temp.resolve("work-b"), Optional.of(lease("agent-b")), Optional.empty()));
            try {
                List<Started> agents = List.of(first, second);
                await("a leader synced", WAIT, () -> agents.stream().anyMatch(a -> a.agent().loop().hasSyncedOnce()));
                Started leader = first.agent().loop().hasSyncedOnce() ? first : second;
                Started follower = leader == first ? second : first;
                // Several intervals pass; the follower never reconciles, yet serves health and is ready.
                long rounds = leader.agent().loop().snapshot().sequence();
                await("more leader rounds", WAIT, () -> leader.agent().loop().snapshot().sequence() >= rounds + 3);
                assertThat(follower.agent().leadership().isLeader()).isFalse();
                assertThat(follower.agent().loop().snapshot().sequence()).isZero();
                assertThat(follower.get("/healthz").statusCode()).isEqualTo(200);
                assertThat(follower.get("/readyz").body()).startsWith("standby");
                assertThat(follower.get("/metrics").body()).contains("gitops_leader 0");
                assertThat(leader.get("/metrics").body()).contains("gitops_leader 1");
                Lease lease = cluster.newClient().leases().inNamespace(AgentFixture.NAMESPACE).withName("gitops-agent").get();
                String leaderName = leader == first ? "agent-a" : "agent-b";
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leaderName);

                leader.close();
                String update = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap("web", "2")), "Update web");
                await("the follower takes over and applies", WAIT, () -> follower.agent().leadership().isLeader()
                        && follower.agent().loop().snapshot().revision().equals(update));
                assertThat(cluster.newClient().configMaps().inNamespace("shop").withName("web").get().getData())
                        .containsEntry("value", "2");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    @Test
    void noAgentWritesWhileAnotherHoldsTheLeaseAndOneTakesOverWhenItIsFreed() throws Exception {
        BareRepository repository = AgentFixture.repository(temp, Map.of("web", "1"));
        try (FaultyCluster cluster = new FaultyCluster()) {
            Started first = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                    AgentFixture.settings(temp.resolve("work-a"), Optional.of(lease("agent-a")), Optional.empty()));
            Started second = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                    AgentFixture.settings(temp.resolve("work-b"), Optional.of(lease("agent-b")), Optional.empty()));
            try {
                List<Started> agents = List.of(first, second);
                await("a leader synced", WAIT, () -> agents.stream().anyMatch(a -> a.agent().loop().hasSyncedOnce()));

                // A third party (an agent of a newer version, say) takes the Lease for a minute.
                KubernetesClient client = cluster.newClient();
                Lease lease = client.leases().inNamespace(AgentFixture.NAMESPACE).withName("gitops-agent").get();
                lease.getSpec().setHolderIdentity("intruder");
                lease.getSpec().setLeaseDurationSeconds(60);
                lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                client.leases().inNamespace(AgentFixture.NAMESPACE).resource(lease).update();
                await("both agents step down", WAIT, () -> agents.stream().noneMatch(a -> a.agent().leadership().isLeader()));

                int writes = cluster.writes();
                repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap("web", "2")), "Update web");
                Thread.sleep(AgentFixture.INTERVAL.multipliedBy(4).toMillis());
                assertThat(cluster.writes()).as("writes while neither agent leads").isEqualTo(writes);
                assertThat(client.configMaps().inNamespace("shop").withName("web").get().getData()).containsEntry("value", "1");

                client.leases().inNamespace(AgentFixture.NAMESPACE).withName("gitops-agent").delete();
                await("a new leader applies the update", WAIT, () -> "2".equals(
                        client.configMaps().inNamespace("shop").withName("web").get().getData().get("value")));
                assertThat(agents.stream().filter(a -> a.agent().leadership().isLeader())).hasSize(1);
            } finally {
                first.close();
                second.close();
            }
        }
    }
}
