package io.jenkins.plugins.gitops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The embedded API server applies JSON merge patches as RFC 7396 says, which client-side apply relies on. */
class MergePatchingDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replacesArraysRemovesNullsAndMergesObjects() throws Exception {
        JsonNode target = JSON.readTree("{\"a\":{\"b\":1,\"c\":2},\"list\":[{\"name\":\"web\",\"image\":\"x:1\"}],\"gone\":true}");
        JsonNode patch = JSON.readTree("{\"a\":{\"c\":3,\"d\":4},\"list\":[{\"name\":\"web\",\"image\":\"x:2\"}],\"gone\":null}");

        assertThat(DemoCluster.MergePatchingDispatcher.mergePatch(target, patch)).isEqualTo(
                JSON.readTree("{\"a\":{\"b\":1,\"c\":3,\"d\":4},\"list\":[{\"name\":\"web\",\"image\":\"x:2\"}]}"));
    }

    @Test
    void aMergePatchChangesTheImageOfTheEmbeddedServersDeployment() throws Exception {
        try (DemoCluster cluster = DemoCluster.connect(Optional.empty())) {
            KubernetesClient client = cluster.client();
            client.apps().deployments().resource(new DeploymentBuilder()
                    .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                    .withNewSpec().withNewTemplate().withNewSpec()
                    .addNewContainer().withName("web").withImage("x:1").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();

            Deployment patched = client.apps().deployments().inNamespace("shop").withName("web").patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x:2\"}]}}}}");

            assertThat(patched.getSpec().getTemplate().getSpec().getContainers())
                    .singleElement().extracting(container -> container.getImage()).isEqualTo("x:2");
            assertThat(cluster.embedded()).isTrue();
            assertThat(cluster.description()).contains("not a real cluster");
        }
    }
}
