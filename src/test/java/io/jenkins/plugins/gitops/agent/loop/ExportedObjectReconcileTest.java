package io.jenkins.plugins.gitops.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An object exported from the cluster with kubectl and committed as it is applies, with one warning in the agent's log. */
@OnLocalControlPlane
@Timeout(180)
class ExportedObjectReconcileTest {

    @TempDir
    Path dir;

    @Test
    void anExportedDeploymentAppliesAndItsLeftOutFieldsAreLoggedOncePerRevision(TestNamespace namespace) throws Exception {
        Kubectl kubectl = new Kubectl(namespace);
        kubectl.run("create", "deployment", "web", "--image=registry.example/web:1.0");
        namespace.client().apps().deployments().inNamespace(namespace.name()).withName("web").waitUntilCondition(
                d -> d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        String exported = kubectl.run("get", "deployment", "web", "-o", "yaml", "--show-managed-fields");
        assertThat(exported).contains("resourceVersion:", "uid:", "managedFields:", "status:");
        BareRepository git = BareRepository.create(dir, "config", "main", Map.of("apps/web.yaml", exported));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                ConfigRepository repository = new JGitConfigRepository(git.fileUrl(), GitCredentials.none(), HttpsTrust.SYSTEM, Duration.ofSeconds(10));
                ReconcileLoop loop = new ReconcileLoop(repository,
                        LoopSettings.of("main", RepositoryPath.parse("apps"), Duration.ofMinutes(1), dir.resolve("work")),
                        new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.KUBECTL),
                        new Applier(client, ApplierSettings.defaults(namespace.name())), Leadership.ALWAYS,
                        new AgentLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC())) {
            ReconcileSnapshot first = loop.reconcileOnce();

            assertThat(first.condition().message()).isEmpty();
            assertThat(first.atTip()).isTrue();
            assertThat(first.apply().orElseThrow().outcomes()).extracting(ApplyResult.Outcome::action)
                    .containsExactly(ApplyResult.Action.CONFIGURED);
            assertThat(first.desired().get(0).content()).doesNotContainKey("status");
            assertThat(warnings(log)).singleElement().asString().endsWith(" level=warn event=render_warning revision=" + first.revision()
                    + " warning=\"web.yaml:1: apps/Deployment/" + namespace.name() + "/web: left out metadata.creationTimestamp,"
                    + " metadata.generation, metadata.managedFields, metadata.resourceVersion, metadata.uid, status (fields the server owns)\"");

            // The exported resourceVersion is long stale now: the same file must keep applying.
            kubectl.run("scale", "deployment", "web", "--replicas=3");
            loop.reconcileOnce();
            String second = git.commit("main", Map.of("apps/README.md", "Exported from the cluster.\n"), "Describe apps");
            ReconcileSnapshot afterDrift = loop.reconcileOnce();

            assertThat(afterDrift.revision()).isEqualTo(second);
            assertThat(afterDrift.atTip()).isTrue();
            Deployment web = namespace.client().apps().deployments().inNamespace(namespace.name()).withName("web").get();
            assertThat(web.getSpec().getReplicas()).isEqualTo(1);
            assertThat(warnings(log)).hasSize(2).last().asString().contains("revision=" + second + " ");
        }
    }

    private static List<String> warnings(ByteArrayOutputStream log) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(" event=render_warning ")).toList();
    }
}
