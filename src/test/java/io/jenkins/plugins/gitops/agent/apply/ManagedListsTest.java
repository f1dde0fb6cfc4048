package io.jenkins.plugins.gitops.agent.apply;

import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.applier;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.defaults;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The applier's LISTs on the local control plane: paged, and of the objects the agent labelled alone. */
@OnLocalControlPlane
@Timeout(300)
class ManagedListsTest {

    private static final int OBJECTS = 2 * ManagedLabel.PAGE_SIZE + 1;

    @Test
    void aKindWithMoreObjectsThanAPageIsListedPageByPageAndEveryObjectIsFoundUnchanged(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        List<ManifestObject> revision = configMaps(namespace, OBJECTS);
        assertThat(applier.apply("aaa111", revision).errors()).isEmpty();
        int before = requests(namespace).size();

        ApplyResult again = applier.apply("aaa111", revision);

        assertThat(again.outcomes()).hasSize(OBJECTS).extracting(ApplyResult.Outcome::action).containsOnly(Action.UNCHANGED);
        List<String> sent = requests(namespace).subList(before, requests(namespace).size()).stream()
                .map(event -> event.verb() + " " + URLDecoder.decode(event.requestUri(), StandardCharsets.UTF_8)).toList();
        assertThat(sent).as("the inventory GET, then three pages of ConfigMaps and no GET of any").hasSize(4);
        assertThat(sent.get(0)).startsWith("get ").contains("/configmaps/gitops-inventory");
        assertThat(sent.subList(1, 4)).allSatisfy(list -> assertThat(list)
                .startsWith("list /api/v1/namespaces/" + namespace.name() + "/configmaps?")
                .contains("limit=" + ManagedLabel.PAGE_SIZE, "labelSelector=gitops.jenkins.io/environment=default"));
        assertThat(sent.get(1)).doesNotContain("continue=");
        assertThat(sent.subList(2, 4)).allSatisfy(list -> assertThat(list).contains("continue="));
    }

    @Test
    void anObjectThatExistedBeforeTheAgentIsReadAndLabelledNotCreated(TestNamespace namespace) {
        namespace.client().configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("config-0").endMetadata().addToData("key", "by hand").build()).create();
        Applier applier = applier(namespace, defaults(namespace).forEnvironment("staging"));

        ApplyResult result = applier.apply("aaa111", configMaps(namespace, 1));

        assertThat(result.outcomes()).extracting(ApplyResult.Outcome::action).containsExactly(Action.CONFIGURED);
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("config-0").get().getMetadata()
                .getLabels()).containsEntry("gitops.jenkins.io/environment", "staging");
    }

    private static List<ManifestObject> configMaps(TestNamespace namespace, int count) {
        return AgentRequests.objects(namespace, String.join("---\n", IntStream.range(0, count).mapToObj(i -> """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: config-%d, namespace: TESTNS}
                data: {key: value-%d}
                """.formatted(i, i)).toList()));
    }
}
