package io.jenkins.plugins.gitops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.testing.Commands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped {@code deploy/} kustomizations render with kustomize and apply cleanly to an API server. */
class DeployManifestsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/base", "deploy/overlays/cluster-wide"})
    void rendersAndApplies(String directory) throws Exception {
        Commands.require("kubectl", "kubectl (with kustomize v5)");
        RenderResult rendered = AgentFixture.renderer().render(Path.of(directory));
        assertThat(rendered).isInstanceOf(RenderResult.Rendered.class);
        List<ManifestObject> objects = ((RenderResult.Rendered) rendered).objects();
        assertThat(objects).extracting(object -> object.id().kind())
                .contains("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment");

        try (FaultyCluster cluster = new FaultyCluster()) {
            KubernetesClient client = cluster.newClient();
            ApplyResult result = new Applier(client, AgentFixture.applierSettings()).apply("0".repeat(40), objects);
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
        }
    }
}
