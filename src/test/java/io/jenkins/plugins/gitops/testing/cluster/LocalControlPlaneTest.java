package io.jenkins.plugins.gitops.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local control plane itself: the release it claims, real controllers and kwok, the audit log, up and down. */
@OnLocalControlPlane
@Timeout(180)
class LocalControlPlaneTest {

    @Test
    void runsTheBuiltReleaseAndRollsOutADeploymentWhosePodsKwokMakesRunningAndReady(TestNamespace namespace) {
        KubernetesClient client = namespace.client();
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.37.2");

        new Kubectl(namespace).run("create", "deployment", "web", "--image=registry.example/web:1.0", "--replicas=2");

        Deployment web = client.apps().deployments().inNamespace(namespace.name()).withName("web")
                .waitUntilCondition(d -> d != null && d.getStatus() != null
                        && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(2);
        List<Pod> pods = client.pods().inNamespace(namespace.name()).list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getSpec().getNodeName()).isEqualTo("kwok-node-0");
        });
    }

    @Test
    void theAuditLogNamesTheAgentByItsUserAgent(TestNamespace namespace) {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            agent.configMaps().inNamespace(namespace.name())
                    .resource(new ConfigMapBuilder().withNewMetadata().withName("marker").endMetadata()
                            .withData(Map.of("k", "v")).build())
                    .create();
        }

        List<AuditEvent> writes = namespace.cluster().audit(event -> event.isWrite()
                && namespace.name().equals(event.namespace()) && "configmaps".equals(event.resource())
                && "admin".equals(event.user()));
        assertThat(writes).singleElement().satisfies(event -> {
            assertThat(event.userAgent()).isEqualTo("gitops-agent/" + AgentClient.version());
            assertThat(event.fromAgent()).isTrue();
        });
    }

    @Test
    void downStopsEveryProcessUpStarted(@TempDir Path dir) throws Exception {
        Path script = Path.of("src", "test", "cluster", "local-cluster");
        Commands.run(null, Map.of(), "bash", script.toString(), "up", dir.toString());
        List<Long> pids = Files.readAllLines(dir.resolve("pids")).stream()
                .map(line -> Long.parseLong(line.split(" ")[1])).toList();
        assertThat(pids).hasSize(5);
        assertThat(dir.resolve("kubeconfig")).exists();
        assertThat(dir.resolve("audit.log")).exists();

        Commands.run(null, Map.of(), "bash", script.toString(), "down", dir.toString());

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %d after down", pid).isFalse();
        }
        assertThat(dir.resolve("pids")).doesNotExist();
    }
}
