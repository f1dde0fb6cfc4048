package io.jenkins.plugins.gitops.agent.apply;

import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.applier;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.defaults;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.jenkins.plugins.gitops.testing.LogCapture;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An agent upgraded from before inventories were named after the environment, on the local control plane. */
@OnLocalControlPlane
@Timeout(120)
class UnnamedInventoryTest {

    private static final String APP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: TESTNS}
            data: {colour: blue}
            """;

    @Test
    void anEarlierAgentsInventoryIsLeftAloneAndTheStartSaysHowToTakeItOver(TestNamespace namespace) {
        namespace.client().configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("gitops-inventory").endMetadata()
                .addToData("revision", "aaa111")
                .addToData("entries", "v1,ConfigMap," + namespace.name() + ",old-settings\n").build()).create();
        namespace.client().configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("old-settings").endMetadata().build()).create();
        List<String> warnings;
        try (LogCapture log = LogCapture.warningsOf(InventoryStore.class)) {
            Applier applier = applier(namespace, defaults(namespace).forEnvironment("staging"));
            assertThat(applier.apply("bbb222", objects(namespace, APP)).errors()).isEmpty();
            assertThat(applier.apply("bbb222", objects(namespace, APP)).errors()).isEmpty();
            warnings = log.warnings();
        }

        assertThat(warnings).containsExactly("inventory ConfigMap " + namespace.name() + "/gitops-inventory-staging does not"
                + " exist, but " + namespace.name() + "/gitops-inventory of an earlier agent does; what it lists is not pruned"
                + " unless this agent takes it over with --inventory-name gitops-inventory");
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("old-settings").get())
                .as("an unnamed inventory's objects are not this agent's to prune").isNotNull();
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("gitops-inventory").get()).isNotNull();
    }
}
