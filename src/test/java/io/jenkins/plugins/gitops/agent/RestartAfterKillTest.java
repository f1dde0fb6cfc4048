package io.jenkins.plugins.gitops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.Inventory;
import io.jenkins.plugins.gitops.agent.apply.InventoryEntry;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.testing.BareRepository;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed at every point of an update (before, between and after its writes, the inventory
 * writes included) and then started afresh converges: the cluster holds exactly the new revision,
 * the inventory lists exactly it, and nothing the old revision created is left behind.
 */
@Timeout(120)
class RestartAfterKillTest {

    private static final AgentLog QUIET = new AgentLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    @TempDir
    Path temp;

    private static String namespace() {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
    }

    @Test
    void aFreshAgentConvergesAfterAKillAtAnyWriteOnTheMockServerBecauseItFailsEveryRequestAfterNWrites() throws Exception {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("apps/namespace.yaml", namespace());
        one.put("apps/a.yaml", AgentFixture.configMap("shop", "a", "1"));
        one.put("apps/b.yaml", AgentFixture.configMap("shop", "b", "1"));
        one.put("apps/c.yaml", AgentFixture.configMap("shop", "c", "1"));
        BareRepository repository = BareRepository.create(temp, "config", "one", one);
        Map<String, String> two = new LinkedHashMap<>();
        two.put("apps/namespace.yaml", namespace());
        two.put("apps/b.yaml", AgentFixture.configMap("shop", "b", "2"));
        two.put("apps/c.yaml", AgentFixture.configMap("shop", "c", "1"));
        two.put("apps/d.yaml", AgentFixture.configMap("shop", "d", "1"));
        two.put("apps/e.yaml", AgentFixture.configMap("shop", "e", "1"));
        String target = repository.commit("two", two, "Revision two");

        int updateWrites;
        try (FaultyCluster cluster = new FaultyCluster(); ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
            assertThat(loop(source, "one", cluster.newClient()).reconcileOnce().synced()).isTrue();
            int before = cluster.writes();
            assertThat(loop(source, "two", cluster.newClient()).reconcileOnce().synced()).isTrue();
            updateWrites = cluster.writes() - before;
        }
        // Staging inventory, b configured, d and e created, a pruned, final inventory.
        assertThat(updateWrites).isEqualTo(6);

        for (int kill = 0; kill <= updateWrites; kill++) {
            try (FaultyCluster cluster = new FaultyCluster(); ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
                assertThat(loop(source, "one", cluster.newClient()).reconcileOnce().synced()).isTrue();
                cluster.failAfterWrites(kill);
                ReconcileSnapshot killed = loop(source, "two", cluster.newClient()).reconcileOnce();
                assertThat(killed.synced()).as("killed after %d writes", kill).isEqualTo(kill == updateWrites);
                cluster.heal();

                KubernetesClient client = cluster.newClient();
                ReconcileLoop fresh = loop(source, "two", client);
                ReconcileSnapshot converged = fresh.reconcileOnce();
                assertThat(converged.atTip()).as("converged after a kill after %d writes: %s", kill, converged.condition()).isTrue();
                assertThat(converged.revision()).isEqualTo(target);

                Map<String, String> live = client.configMaps().inNamespace("shop").list().getItems().stream()
                        .collect(Collectors.toMap(map -> map.getMetadata().getName(), RestartAfterKillTest::value));
                assertThat(live).as("after a kill after %d writes", kill)
                        .isEqualTo(Map.of("b", "2", "c", "1", "d", "1", "e", "1"));

                Inventory inventory = new Applier(client, AgentFixture.applierSettingsOnTheMock("gitops-system")).inventory();
                assertThat(inventory.revision()).isEqualTo(target);
                assertThat(inventory.pendingRevision()).isEmpty();
                Set<Object> desired = converged.desired().stream().map(ManifestObject::id).collect(Collectors.toSet());
                assertThat(inventory.entries().stream().map(InventoryEntry::id).collect(Collectors.toSet()))
                        .as("inventory after a kill after %d writes", kill)
                        .isEqualTo(desired);
            }
        }
    }

    private static String value(ConfigMap map) {
        return map.getData().get("value");
    }

    private ReconcileLoop loop(ConfigRepository source, String branch, KubernetesClient client) {
        LoopSettings settings = LoopSettings.of(branch, RepositoryPath.parse("apps"), AgentFixture.INTERVAL, temp.resolve("work"));
        return new ReconcileLoop(source, settings, AgentFixture.renderer(), new Applier(client, AgentFixture.applierSettingsOnTheMock("gitops-system")),
                Leadership.ALWAYS, QUIET, Clock.systemUTC());
    }
}
