package io.jenkins.plugins.gitops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.testing.Commands;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped {@code deploy/} kustomizations render with kustomize and apply cleanly to the control
 * plane, server-side; pruned again, they leave nothing behind for the next install but the namespace
 * (not pruned by default), which the test deletes. The inventory is kept in the test's namespace, the
 * install goes to its own {@code gitops-system}.
 */
@OnLocalControlPlane
@Timeout(120)
class DeployManifestsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/base", "deploy/overlays/cluster-wide"})
    void rendersAppliesAndPrunes(String directory, TestNamespace namespace) throws Exception {
        Commands.require("kubectl", "kubectl (with kustomize v5)");
        RenderResult rendered = AgentFixture.renderer().render(Path.of(directory));
        assertThat(rendered).isInstanceOf(RenderResult.Rendered.class);
        List<ManifestObject> objects = ((RenderResult.Rendered) rendered).objects();
        assertThat(objects).extracting(object -> object.id().kind())
                .contains("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment");

        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            KubernetesClient client = namespace.client();
            Applier applier = new Applier(agent, AgentFixture.applierSettings(namespace.name()));
            ApplyResult result = applier.apply("0".repeat(40), objects);
            assertThat(result.errors()).isEmpty();
            assertThat(result.count(ApplyResult.Action.CREATED)).isEqualTo(objects.size());
            assertThat(client.apps().deployments().inNamespace("gitops-system").withName("gitops-agent").get()
                    .getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("gitops-agent");
            if (directory.endsWith("cluster-wide")) {
                assertThat(client.rbac().clusterRoleBindings().withName("gitops-agent").get()).isNotNull();
                assertThat(client.configMaps().inNamespace("gitops-system").withName("gitops-agent").get().getData())
                        .doesNotContainKey("GITOPS_ALLOWED_NAMESPACES")
                        .containsEntry("GITOPS_DENIED_KINDS", "");
            }
            assertThat(applier.apply("1".repeat(40), objects).count(ApplyResult.Action.UNCHANGED))
                    .as("applied again unchanged").isEqualTo(objects.size());

            ApplyResult pruned = applier.apply("2".repeat(40), List.of());
            assertThat(pruned.errors()).isEmpty();
            assertThat(pruned.count(ApplyResult.Action.PRUNED)).isEqualTo(objects.size() - 1);
            assertThat(pruned.outcomes()).filteredOn(outcome -> outcome.action() == ApplyResult.Action.KEPT)
                    .extracting(outcome -> outcome.id().toString()).as("a Namespace is not pruned by default")
                    .containsExactly("Namespace/gitops-system");
            client.namespaces().withName("gitops-system").delete();
            AgentFixture.await("gitops-system deleted", Duration.ofSeconds(60),
                    () -> client.namespaces().withName("gitops-system").get() == null);
            assertThat(client.rbac().clusterRoleBindings().withName("gitops-agent").get()).isNull();
        }
    }
}
