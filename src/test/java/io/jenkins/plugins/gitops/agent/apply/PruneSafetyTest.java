package io.jenkins.plugins.gitops.agent.apply;

import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.applier;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.defaults;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.objects;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.writes;
import static io.jenkins.plugins.gitops.agent.apply.ApplierClientSideTest.CRD;
import static io.jenkins.plugins.gitops.agent.apply.ApplierClientSideTest.WIDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What prune refuses to delete, against the real API server: more than the agent applied, or not what it applied. */
@OnLocalControlPlane
@Timeout(180)
class PruneSafetyTest {

    private static final String APP_NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: TESTNS-app}
            """;

    private static final String APP_SETTINGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: TESTNS-app}
            data: {colour: blue}
            """;

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: TESTNS}
            data: {greeting: hello}
            """;

    private static ApplierSettings allowed(TestNamespace namespace) {
        return defaults(namespace).withPruneNamespacesAndCrds(true);
    }

    /** The object of {@code yaml} annotated {@code gitops.jenkins.io/prune: enabled}. */
    private static String annotated(String yaml) {
        return yaml.replaceFirst("metadata: \\{name: ([^,}]*)\\}", "metadata: {name: $1, annotations: {gitops.jenkins.io/prune: enabled}}");
    }

    @Test
    void withoutTheFlagANamespaceOrCrdGitDroppedStaysAndLeavesTheInventoryEvenWhenAnnotated(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, annotated(CRD) + "---\n" + annotated(APP_NAMESPACE))).errors()).isEmpty();

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().kind(), Outcome::action, Outcome::message).containsExactly(
                        tuple("Namespace", Action.KEPT, "Namespaces and CustomResourceDefinitions are pruned only with"
                                + " --prune-namespaces-and-crds=true (GITOPS_PRUNE_NAMESPACES_AND_CRDS); dropped from the inventory"),
                        tuple("CustomResourceDefinition", Action.KEPT, "Namespaces and CustomResourceDefinitions are pruned only"
                                + " with --prune-namespaces-and-crds=true (GITOPS_PRUNE_NAMESPACES_AND_CRDS); dropped from the inventory"));
        assertThat(writes(namespace)).noneMatch(event -> event.verb().equals("delete"));
        assertThat(namespaceOf(namespace, namespace.name() + "-app").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(crd(namespace)).isNotNull();
        assertThat(applier.inventory().entries()).extracting(entry -> entry.id().kind()).containsExactly("ConfigMap");
    }

    @Test
    void withTheFlagOnlyANamespaceGitAnnotatedPruneEnabledIsDeleted(TestNamespace namespace) {
        Applier applier = applier(namespace, allowed(namespace));
        String plain = APP_NAMESPACE.replace("TESTNS-app", "TESTNS-plain");
        assertThat(applier.apply("aaa111", objects(namespace, annotated(APP_NAMESPACE) + "---\n" + plain)).errors()).isEmpty();

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().name(), Outcome::action, Outcome::message).containsExactlyInAnyOrder(
                        tuple(namespace.name() + "-app", Action.PRUNED, ""),
                        tuple(namespace.name() + "-plain", Action.KEPT,
                                "Git did not annotate it gitops.jenkins.io/prune: enabled when it was applied; dropped from the inventory"));
        assertThat(terminatingOrGone(namespace, namespace.name() + "-app")).isTrue();
        assertThat(namespaceOf(namespace, namespace.name() + "-plain").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(applier.inventory().entries()).extracting(entry -> entry.id().kind()).containsExactly("ConfigMap");
    }

    @Test
    void aNamespaceHoldingAConfigMapAndAPvcTheAgentDidNotApplyStaysSayingWhichUntilTheyAreGone(TestNamespace namespace) {
        Applier applier = applier(namespace, allowed(namespace));
        String app = namespace.name() + "-app";
        assertThat(applier.apply("aaa111", objects(namespace, annotated(APP_NAMESPACE) + "---\n" + APP_SETTINGS)).errors()).isEmpty();
        KubernetesClient admin = namespace.client();
        admin.configMaps().inNamespace(app).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("notes").endMetadata().addToData("todo", "keep me").build()).create();
        admin.persistentVolumeClaims().inNamespace(app).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();

        ApplyResult held = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(held.errors()).isEmpty();
        assertThat(held.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().kind(), Outcome::action, Outcome::message).containsExactly(
                        tuple("ConfigMap", Action.PRUNED, ""),
                        tuple("Namespace", Action.KEPT, "holds 2 objects (ConfigMap/" + app + "/notes, PersistentVolumeClaim/" + app
                                + "/data) the agent is not pruning, which deleting it would delete too; kept in the inventory,"
                                + " pruned once they are gone"));
        assertThat(namespaceOf(namespace, app).getMetadata().getDeletionTimestamp()).isNull();
        assertThat(admin.persistentVolumeClaims().inNamespace(app).withName("data").get()).isNotNull();
        assertThat(applier.inventory().contains(ResourceId.of("v1", "Namespace", "", app))).isTrue();

        admin.configMaps().inNamespace(app).withName("notes").delete();
        admin.persistentVolumeClaims().inNamespace(app).withName("data").delete();
        admin.persistentVolumeClaims().inNamespace(app).withName("data").waitUntilCondition(Objects::isNull, 30, TimeUnit.SECONDS);
        ApplyResult emptied = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(emptied.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().kind(), Outcome::action).containsExactly(tuple("Namespace", Action.PRUNED));
        assertThat(terminatingOrGone(namespace, app)).isTrue();
        assertThat(applier.inventory().contains(ResourceId.of("v1", "Namespace", "", app))).isFalse();
    }

    @Test
    void aCrdWithACustomResourceTheAgentDidNotApplyStaysSayingWhichUntilItIsGone(TestNamespace namespace) {
        Applier applier = applier(namespace, allowed(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, annotated(CRD) + "---\n" + WIDGET)).errors()).isEmpty();
        new Kubectl(namespace).apply(WIDGET.replace("TESTNS", namespace.name()).replace("gear", "spare"));

        ApplyResult held = applier.apply("bbb222", objects(namespace, CONFIG));

        String widgets = namespace.name() + ".example.com/Widget/" + namespace.name();
        assertThat(held.errors()).isEmpty();
        assertThat(held.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().kind(), Outcome::action, Outcome::message).containsExactly(
                        tuple("Widget", Action.PRUNED, ""),
                        tuple("CustomResourceDefinition", Action.KEPT, "holds 1 object (" + widgets + "/spare) the agent is not"
                                + " pruning, which deleting it would delete too; kept in the inventory, pruned once that is gone"));
        assertThat(crd(namespace).getMetadata().getDeletionTimestamp()).isNull();

        new Kubectl(namespace).run("delete", "widgets." + namespace.name() + ".example.com", "spare");
        ApplyResult emptied = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(emptied.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(outcome -> outcome.id().kind(), Outcome::action).containsExactly(tuple("CustomResourceDefinition", Action.PRUNED));
        assertThat(applier.inventory().entries()).extracting(entry -> entry.id().kind()).containsExactly("ConfigMap");
    }

    @Test
    void theAgentsOwnNamespaceIsNeverPrunedEvenWithTheFlagAndTheAnnotation(TestNamespace namespace) {
        Applier applier = applier(namespace, allowed(namespace));
        String own = annotated(APP_NAMESPACE.replace("TESTNS-app", "TESTNS"));
        assertThat(applier.apply("aaa111", objects(namespace, own + "---\n" + CONFIG)).errors()).isEmpty();

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(Outcome::action, Outcome::message).containsExactly(tuple(Action.KEPT,
                        "the agent's own namespace (inventory, Lease) is never pruned; dropped from the inventory"));
        assertThat(namespaceOf(namespace, namespace.name()).getMetadata().getDeletionTimestamp()).isNull();
        assertThat(writes(namespace)).noneMatch(event -> event.verb().equals("delete"));
        assertThat(applier.inventory().entries()).extracting(entry -> entry.id().kind()).containsExactly("ConfigMap");
    }

    @Test
    void anObjectSomeoneElseCreatedAgainUnderTheNameIsNotDeletedTheServerRefusingTheAgentsUid(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, CONFIG)).errors()).isEmpty();
        var configs = namespace.client().configMaps().inNamespace(namespace.name());
        configs.withName("web-config").delete();
        configs.withName("web-config").waitUntilCondition(Objects::isNull, 30, TimeUnit.SECONDS);
        configs.resource(new ConfigMapBuilder().withNewMetadata().withName("web-config").endMetadata()
                .addToData("owner", "someone else").build()).create();

        ApplyResult result = applier.apply("bbb222", List.of());

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcomes()).extracting(Outcome::action, Outcome::message).containsExactly(tuple(Action.KEPT,
                "created again by someone else since the agent applied it (its UID differs); dropped from the inventory"));
        assertThat(configs.withName("web-config").get().getData()).isEqualTo(Map.of("owner", "someone else"));
        assertThat(writes(namespace)).filteredOn(event -> event.verb().equals("delete"))
                .extracting(AuditEvent::name, AuditEvent::code).containsExactly(tuple("web-config", 409));
        assertThat(applier.inventory().entries()).isEmpty();
    }

    @Test
    void anEntryWhoseKindIsNoLongerServedStaysInTheInventoryAndIsReportedNotPruned(TestNamespace namespace) {
        String group = namespace.name() + ".example.com";
        new Kubectl(namespace).apply(CRD.replace("TESTNS", namespace.name())
                .replace("  - name: v1\n", "  - name: v2\n    served: true\n    storage: false\n"
                        + "    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}\n  - name: v1\n"));
        new Kubectl(namespace).run("wait", "--for=condition=Established", "crd/widgets." + group);
        Applier applier = applier(namespace, defaults(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, WIDGET + "---\n" + CONFIG)).errors()).isEmpty();
        namespace.client().apiextensions().v1().customResourceDefinitions().withName("widgets." + group).edit(crd -> {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                version.setServed(version.getName().equals("v2"));
                version.setStorage(version.getName().equals("v2"));
            }
            return crd;
        });
        awaitNotServed(namespace, group + "/v1");
        ResourceId gear = ResourceId.of(group + "/v1", "Widget", namespace.name(), "gear");
        String kept = "the API server no longer serves kind Widget in " + group + "/v1; kept in the inventory, pruned once it is served";

        ApplyResult sameAgent = applier.apply("bbb222", objects(namespace, CONFIG));
        ApplyResult restarted = applier(namespace, defaults(namespace)).apply("bbb222", objects(namespace, CONFIG));

        assertThat(sameAgent.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(Outcome::id, Outcome::action, Outcome::message).containsExactly(tuple(gear, Action.KEPT, kept));
        assertThat(restarted.outcomes()).filteredOn(outcome -> outcome.source() == null)
                .extracting(Outcome::id, Outcome::action, Outcome::message).containsExactly(tuple(gear, Action.KEPT,
                        "the API server does not serve kind Widget in " + group + "/v1; kept in the inventory, pruned once it is served"));
        assertThat(applier.inventory().contains(gear)).isTrue();
        ResourceDefinitionContext v2 = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v2")
                .withKind("Widget").withPlural("widgets").withNamespaced(true).build();
        assertThat(namespace.client().genericKubernetesResources(v2).inNamespace(namespace.name()).withName("gear").get()).isNotNull();
    }

    private static Namespace namespaceOf(TestNamespace namespace, String name) {
        return namespace.client().namespaces().withName(name).get();
    }

    private static boolean terminatingOrGone(TestNamespace namespace, String name) {
        Namespace live = namespaceOf(namespace, name);
        return live == null || live.getMetadata().getDeletionTimestamp() != null;
    }

    private static CustomResourceDefinition crd(TestNamespace namespace) {
        return namespace.client().apiextensions().v1().customResourceDefinitions()
                .withName("widgets." + namespace.name() + ".example.com").get();
    }

    /** The API server takes a moment to stop serving a version its definition no longer serves. */
    private static void awaitNotServed(TestNamespace namespace, String groupVersion) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (namespace.client().getApiResources(groupVersion) != null) {
            assertThat(System.nanoTime() - deadline).as("30 s for " + groupVersion + " to stop being served").isNegative();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
