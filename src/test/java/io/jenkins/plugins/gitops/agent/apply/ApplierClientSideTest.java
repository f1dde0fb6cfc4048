package io.jenkins.plugins.gitops.agent.apply;

import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.applier;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.defaults;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.objects;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The applier end to end with client-side apply, against the real API server. */
@OnLocalControlPlane
@Timeout(180)
class ApplierClientSideTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: TESTNS
              labels: {app: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: registry.example/web:1.0.0
            """;

    /** Rejected by the API server: the selector does not match the template's labels. */
    private static final String INVALID_WEB = WEB.replace("metadata: {labels: {app: web}}", "metadata: {labels: {app: other}}");

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: TESTNS}
            data: {greeting: hello, colour: blue}
            """;

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: TESTNS}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    private static final String ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: TESTNS}
            """;

    private static final String ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: web, namespace: TESTNS}
            rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
            """;

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: TESTNS-extra}
            """;

    private static final String PRIORITY = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: TESTNS-high}
            value: 1000
            """;

    private static final String WEBHOOK = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: TESTNS-policy}
            webhooks: []
            """;

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.TESTNS.example.com}
            spec:
              group: TESTNS.example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    static final String WIDGET = """
            apiVersion: TESTNS.example.com/v1
            kind: Widget
            metadata: {name: gear, namespace: TESTNS}
            spec: {teeth: 12}
            """;

    private static final String UNSERVED_WIDGET = """
            apiVersion: TESTNS.example.com/v1
            kind: Widget
            metadata: {name: gear, namespace: TESTNS}
            """;

    private static ApplierSettings clientSide(TestNamespace namespace) {
        return defaults(namespace).withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER));
    }

    @Test
    void firstApplyCreatesInDependencyOrderAndWaitsForCrdsToBeEstablished(TestNamespace namespace) {
        List<ManifestObject> revision = objects(namespace, WEB + "---\n" + SERVICE + "---\n" + CONFIG + "---\n" + WIDGET + "---\n"
                + WEBHOOK + "---\n" + ROLE + "---\n" + ACCOUNT + "---\n" + NAMESPACE + "---\n" + PRIORITY + "---\n" + CRD);

        ApplyResult result = applier(namespace, clientSide(namespace)).apply("aaa111", revision);

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CREATED)).isEqualTo(10);
        assertThat(writes(namespace)).filteredOn(event -> event.verb().equals("create") && !event.name().equals("gitops-inventory"))
                .extracting(AuditEvent::resource).containsExactly("customresourcedefinitions", "namespaces", "priorityclasses",
                        "roles", "serviceaccounts", "configmaps", "services", "deployments", "widgets",
                        "validatingwebhookconfigurations");
        assertThat(result.outcomes()).extracting(outcome -> outcome.id().kind()).containsExactly(
                "CustomResourceDefinition", "Namespace", "PriorityClass", "Role", "ServiceAccount", "ConfigMap", "Service",
                "Deployment", "Widget", "ValidatingWebhookConfiguration");
        assertThat(result.live().get(revision.get(9).id())).isNotNull();
    }

    @Test
    void aCrdThatIsNeverEstablishedFailsNamingItAndWhyAndNothingAfterItIsApplied(TestNamespace namespace) {
        new Kubectl(namespace).apply(CRD.replace("TESTNS", namespace.name()));
        String clash = CRD.replace("widgets.TESTNS", "gadgets.TESTNS").replace("plural: widgets, singular: widget", "plural: gadgets, singular: gadget");
        Applier applier = applier(namespace, clientSide(namespace).withCrdEstablishedTimeout(Duration.ofSeconds(2)));

        ApplyResult result = applier.apply("aaa111", objects(namespace, clash + "---\n" + WIDGET));

        assertThat(result.errors()).singleElement().asString()
                .startsWith("apiextensions.k8s.io/CustomResourceDefinition/gadgets." + namespace.name()
                        + ".example.com: not Established within 2s: names not accepted: ")
                .contains("is already in use");
        assertThat(result.outcomes()).extracting(ApplyResult.Outcome::action).containsExactly(Action.FAILED, Action.NOT_APPLIED);
        assertThat(writes(namespace)).noneMatch(event -> event.resource().equals("widgets"));
    }

    @Test
    void createsObjectsAndRecordsThemInTheInventory(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));

        ApplyResult result = applier.apply("aaa111", objects(namespace, WEB + "---\n" + CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CREATED)).isEqualTo(2);
        Deployment web = deployment(namespace);
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getMetadata().getAnnotations()).containsKey(ClientSideApply.LAST_APPLIED);
        assertThat(web.getMetadata().getManagedFields()).anySatisfy(entry -> {
            assertThat(entry.getManager()).isEqualTo(ApplyStrategy.DEFAULT_FIELD_MANAGER);
            assertThat(entry.getOperation()).isEqualTo("Update");
        });
        Inventory inventory = applier.inventory();
        assertThat(inventory.revision()).isEqualTo("aaa111");
        assertThat(inventory.pendingRevision()).isEmpty();
        assertThat(inventory.entries()).extracting(entry -> entry.id().toString())
                .containsExactly("ConfigMap/" + namespace.name() + "/web-config", "apps/Deployment/" + namespace.name() + "/web");
    }

    @Test
    void anUpdatePatchesEachChangedObjectOnceRemovesWhatGitDroppedAndKeepsFieldsSetByOthers(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, WEB + "---\n" + CONFIG));
        namespace.client().configMaps().inNamespace(namespace.name()).withName("web-config")
                .edit(map -> new ConfigMapBuilder(map).addToData("owner", "ops").build());
        int before = writes(namespace).size();

        ApplyResult result = applier.apply("bbb222", objects(namespace, WEB.replace("replicas: 2", "replicas: 3") + "---\n"
                + CONFIG.replace("greeting: hello, colour: blue", "greeting: hi")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CONFIGURED)).isEqualTo(2);
        assertThat(deployment(namespace).getSpec().getReplicas()).isEqualTo(3);
        assertThat(config(namespace).getData()).isEqualTo(Map.of("greeting", "hi", "owner", "ops"));
        assertThat(writes(namespace).subList(before, writes(namespace).size()))
                .extracting(AuditEvent::verb, AuditEvent::resource, AuditEvent::name).containsExactly(
                        tuple("patch", "configmaps", "web-config"), tuple("patch", "deployments", "web"),
                        tuple("update", "configmaps", "gitops-inventory"));
        assertThat(applier.inventory().revision()).isEqualTo("bbb222");
    }

    @Test
    void liveDriftOnAnAppliedFieldIsCorrected(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, WEB));
        new Kubectl(namespace).run("scale", "deployment/web", "--replicas=5");

        ApplyResult result = applier.apply("aaa111", objects(namespace, WEB));

        assertThat(result.count(Action.CONFIGURED)).isEqualTo(1);
        assertThat(deployment(namespace).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void tenReconcilesOfAnUnchangedCorpusSendNoWritesAndOneListPerKindAndAChangeIsPatchedOnce(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, ServerSideApplyTest.CORPUS)).errors()).isEmpty();
        int written = writes(namespace).size();

        for (int i = 0; i < 10; i++) {
            int sent = namespace.cluster().audit(AuditEvent::fromAgent).size();
            ApplyResult again = applier.apply("aaa111", objects(namespace, ServerSideApplyTest.CORPUS));
            assertThat(again.outcomes()).extracting(ApplyResult.Outcome::action).containsOnly(Action.UNCHANGED);
            List<AuditEvent> requests = namespace.cluster().audit(AuditEvent::fromAgent);
            assertThat(requests.subList(sent, requests.size())).as("the inventory GET and one LIST for each of the 9 kinds")
                    .extracting(AuditEvent::verb)
                    .containsExactly("get", "list", "list", "list", "list", "list", "list", "list", "list", "list");
        }
        assertThat(writes(namespace)).hasSize(written);

        applier.apply("bbb222", objects(namespace, ServerSideApplyTest.CORPUS.replace("replicas: 2", "replicas: 3")));
        applier.apply("bbb222", objects(namespace, ServerSideApplyTest.CORPUS.replace("replicas: 2", "replicas: 3")));

        assertThat(writes(namespace).subList(written, writes(namespace).size()))
                .extracting(AuditEvent::verb, AuditEvent::resource).containsExactly(
                        tuple("patch", "deployments"), tuple("update", "configmaps"));
    }

    @Test
    void prunesWhatTheRevisionDroppedInReverseApplyOrder(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, WEB + "---\n" + CONFIG + "---\n" + SERVICE + "---\n" + ACCOUNT));

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcomes()).filteredOn(outcome -> outcome.action() == Action.PRUNED)
                .extracting(outcome -> outcome.id().kind()).containsExactly("Deployment", "Service", "ServiceAccount");
        assertThat(writes(namespace)).filteredOn(event -> event.verb().equals("delete"))
                .extracting(AuditEvent::resource).containsExactly("deployments", "services", "serviceaccounts");
        assertThat(config(namespace)).isNotNull();
        assertThat(applier.inventory()).extracting(Inventory::revision, Inventory::pendingRevision).containsExactly("bbb222", "");
        assertThat(applier.inventory().entries()).extracting(InventoryEntry::id)
                .containsExactly(ResourceId.of("v1", "ConfigMap", namespace.name(), "web-config"));
    }

    @Test
    void anObjectAnnotatedPruneDisabledIsLeftInPlaceAndForgotten(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, CONFIG + "---\n" + WEB.replace("  labels: {app: web}\nspec:",
                "  labels: {app: web}\n  annotations: {gitops.jenkins.io/prune: disabled}\nspec:")));

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.PRUNE_DISABLED)).isEqualTo(1);
        assertThat(deployment(namespace)).isNotNull();
        assertThat(applier.inventory().contains(ResourceId.of("apps/v1", "Deployment", namespace.name(), "web"))).isFalse();
    }

    @Test
    void anObjectNeverInTheInventoryIsNeverDeleted(TestNamespace namespace) {
        new Kubectl(namespace).run("create", "deployment", "hand-made", "--image=registry.example/hand-made:1");
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, WEB + "---\n" + CONFIG));

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.count(Action.PRUNED)).isEqualTo(1);
        assertThat(AgentRequests.requests(namespace)).noneMatch(event -> event.name().equals("hand-made"));
        assertThat(namespace.client().apps().deployments().inNamespace(namespace.name()).withName("hand-made").get()).isNotNull();
    }

    @Test
    void withPruningOffDroppedObjectsStayAndLeaveTheInventory(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace).withPrune(false));
        applier.apply("aaa111", objects(namespace, WEB + "---\n" + CONFIG));

        ApplyResult result = applier.apply("bbb222", objects(namespace, CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.PRUNED)).isZero();
        assertThat(deployment(namespace)).isNotNull();
        assertThat(writes(namespace)).noneMatch(event -> event.verb().equals("delete"));
        assertThat(applier.inventory().entries()).hasSize(1);
    }

    @Test
    void anObjectTheServerRejectsFailsInOneLineNamingItAndStopsLaterGroupsAndPruning(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, CONFIG + "---\n" + SERVICE));

        ApplyResult result = applier.apply("bbb222", objects(namespace, ACCOUNT + "---\n" + INVALID_WEB + "---\n" + UNSERVED_WIDGET));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).singleElement().asString()
                .startsWith("apps/Deployment/" + namespace.name() + "/web: Invalid (422): Deployment.apps \"web\" is invalid: ")
                .contains("`selector` does not match template `labels`")
                .doesNotContain("\n");
        assertThat(result.outcomes()).extracting(outcome -> outcome.id().kind(), ApplyResult.Outcome::action).containsExactly(
                tuple("ServiceAccount", Action.CREATED), tuple("Deployment", Action.FAILED), tuple("Widget", Action.NOT_APPLIED));
        assertThat(config(namespace)).as("nothing pruned after a failure").isNotNull();
        Inventory inventory = applier.inventory();
        assertThat(inventory.revision()).isEqualTo("aaa111");
        assertThat(inventory.pendingRevision()).isEqualTo("bbb222");
        assertThat(inventory.entries()).as("the union: whatever was created stays prunable").hasSize(5);
    }

    @Test
    void afterAnInterruptedApplyTheNextRevisionPrunesWhatTheInterruptedOneCreated(TestNamespace namespace) {
        Applier applier = applier(namespace, clientSide(namespace));
        applier.apply("aaa111", objects(namespace, CONFIG));
        ApplyResult interrupted = applier(namespace, clientSide(namespace))
                .apply("bbb222", objects(namespace, ACCOUNT + "---\n" + INVALID_WEB));
        assertThat(interrupted.succeeded()).isFalse();

        ApplyResult next = applier(namespace, clientSide(namespace)).apply("ccc333", objects(namespace, CONFIG));

        assertThat(next.errors()).isEmpty();
        assertThat(next.outcomes()).filteredOn(outcome -> outcome.action() == Action.PRUNED)
                .extracting(outcome -> outcome.id().toString())
                .containsExactly("ServiceAccount/" + namespace.name() + "/web");
        assertThat(namespace.client().serviceAccounts().inNamespace(namespace.name()).withName("web").get()).isNull();
        assertThat(applier.inventory()).extracting(Inventory::revision, Inventory::pendingRevision).containsExactly("ccc333", "");
        assertThat(applier.inventory().entries()).extracting(InventoryEntry::id)
                .containsExactly(ResourceId.of("v1", "ConfigMap", namespace.name(), "web-config"));
    }

    @Test
    void aKindTheServerDoesNotServeFailsNamingTheObject(TestNamespace namespace) {
        ApplyResult result = applier(namespace, clientSide(namespace)).apply("aaa111", objects(namespace, UNSERVED_WIDGET));

        assertThat(result.errors()).containsExactly(namespace.name() + ".example.com/Widget/" + namespace.name()
                + "/gear: the API server does not serve kind Widget in " + namespace.name() + ".example.com/v1");
    }

    private static ConfigMap config(TestNamespace namespace) {
        return namespace.client().configMaps().inNamespace(namespace.name()).withName("web-config").get();
    }

    private static Deployment deployment(TestNamespace namespace) {
        return namespace.client().apps().deployments().inNamespace(namespace.name()).withName("web").get();
    }
}
