package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
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

/** Two agents, each with a client of its own, elect a leader on a real Lease of the control plane; only the leader writes. */
@OnLocalControlPlane
@Timeout(90)
class LeaderElectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /** A killed process does not release its Lease: the follower waits out its duration. */
    private static LeaseLeadership.Settings lease(TestNamespace namespace, String identity) {
        return new LeaseLeadership.Settings(namespace.name(), "gitops-agent", identity, Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(300), false);
    }

    @Test
    void exactlyOneAgentAppliesAndTheOtherTakesOverWhenTheLeaderIsKilled(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient clientA = AgentClient.of(namespace.cluster().config());
                KubernetesClient clientB = AgentClient.of(namespace.cluster().config())) {
            Started first = AgentFixture.start(clientA, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                    AgentFixture.settings(temp.resolve("work-a"), Optional.of(lease(namespace, "agent-a")), Optional.empty()));
            Started second = AgentFixture.start(clientB, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                    AgentFixture.settings(temp.resolve("work-b"), Optional.of(lease(namespace, "agent-b")), Optional.empty()));
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
                Lease lease = namespace.client().leases().inNamespace(namespace.name()).withName("gitops-agent").get();
                String leaderName = leader == first ? "agent-a" : "agent-b";
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leaderName);

                leader.close();
                String update = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2")), "Update web");
                await("the follower takes over and applies", WAIT, () -> follower.agent().leadership().isLeader()
                        && follower.agent().loop().snapshot().revision().equals(update));
                assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("web").get().getData())
                        .containsEntry("value", "2");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    /** A graceful stop gives the Lease up: the follower leads at once instead of waiting out a long lease. */
    @Test
    void aLeaderStoppedGracefullyReleasesTheLeaseAndTheFollowerTakesOverWithoutWaitingItOut(TestNamespace namespace)
            throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        Duration leaseDuration = Duration.ofSeconds(60);
        try (KubernetesClient clientA = AgentClient.of(namespace.cluster().config());
                KubernetesClient clientB = AgentClient.of(namespace.cluster().config())) {
            Started first = AgentFixture.start(clientA, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                    AgentFixture.settings(temp.resolve("work-a"), Optional.of(new LeaseLeadership.Settings(namespace.name(),
                            "gitops-agent", "agent-a", leaseDuration, Duration.ofSeconds(10), Duration.ofMillis(300), true)),
                            Optional.empty()));
            Started second = null;
            try {
                await("agent-a leads", WAIT, () -> first.agent().loop().hasSyncedOnce());
                second = AgentFixture.start(clientB, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                        AgentFixture.settings(temp.resolve("work-b"), Optional.of(new LeaseLeadership.Settings(namespace.name(),
                                "gitops-agent", "agent-b", leaseDuration, Duration.ofSeconds(10), Duration.ofMillis(300), true)),
                                Optional.empty()));
                Started follower = second;

                long stopped = System.nanoTime();
                first.close();
                await("agent-b leads", Duration.ofSeconds(15), () -> follower.agent().leadership().isLeader());
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(leaseDuration.dividedBy(4));
                assertThat(namespace.client().leases().inNamespace(namespace.name()).withName("gitops-agent").get()
                        .getSpec().getHolderIdentity()).isEqualTo("agent-b");
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    @Test
    void noAgentWritesWhileAnotherHoldsTheLeaseAndOneTakesOverWhenItIsFreed(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient clientA = AgentClient.of(namespace.cluster().config());
                KubernetesClient clientB = AgentClient.of(namespace.cluster().config())) {
            Started first = AgentFixture.start(clientA, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                    AgentFixture.settings(temp.resolve("work-a"), Optional.of(lease(namespace, "agent-a")), Optional.empty()));
            Started second = AgentFixture.start(clientB, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                    AgentFixture.settings(temp.resolve("work-b"), Optional.of(lease(namespace, "agent-b")), Optional.empty()));
            try {
                List<Started> agents = List.of(first, second);
                await("a leader synced", WAIT, () -> agents.stream().anyMatch(a -> a.agent().loop().hasSyncedOnce()));

                // A third party (an agent of a newer version, say) takes the Lease for a minute.
                KubernetesClient client = namespace.client();
                Lease lease = client.leases().inNamespace(namespace.name()).withName("gitops-agent").get();
                lease.getSpec().setHolderIdentity("intruder");
                lease.getSpec().setLeaseDurationSeconds(60);
                lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                client.leases().inNamespace(namespace.name()).resource(lease).update();
                await("both agents step down", WAIT, () -> agents.stream().noneMatch(a -> a.agent().leadership().isLeader()));

                int writes = AgentFixture.agentWrites(namespace).size();
                repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2")), "Update web");
                Thread.sleep(AgentFixture.INTERVAL.multipliedBy(4).toMillis());
                assertThat(AgentFixture.agentWrites(namespace)).as("writes while neither agent leads").hasSize(writes);
                assertThat(client.configMaps().inNamespace(namespace.name()).withName("web").get().getData()).containsEntry("value", "1");

                client.leases().inNamespace(namespace.name()).withName("gitops-agent").delete();
                await("a new leader applies the update", WAIT, () -> "2".equals(
                        client.configMaps().inNamespace(namespace.name()).withName("web").get().getData().get("value")));
                assertThat(agents.stream().filter(a -> a.agent().leadership().isLeader())).hasSize(1);
            } finally {
                first.close();
                second.close();
            }
        }
    }
}
