package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end on the mock API server in CRUD mode, which speaks client-side apply (merge patch) but not server-side apply. */
class ApplierClientSideTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
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

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop}
            data: {greeting: hello, colour: blue}
            """;

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    private static final String ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: shop}
            """;

    private static final String ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: web, namespace: shop}
            rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
            """;

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

    private static final String PRIORITY = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: shop-high}
            value: 1000
            """;

    private static final String WEBHOOK = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: shop-policy}
            webhooks: []
            """;

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: gear, namespace: shop}
            spec: {teeth: 12}
            """;

    private MockCluster cluster;
    private Applier applier;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        applier = new Applier(cluster.client, ApplierSettings.defaults("gitops").withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER)));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void firstApplyCreatesInDependencyOrderAndWaitsForCrdsToBeEstablished() throws Exception {
        List<ManifestObject> revision = objects(WEB + "---\n" + SERVICE + "---\n" + CONFIG + "---\n" + WIDGET + "---\n"
                + WEBHOOK + "---\n" + ROLE + "---\n" + ACCOUNT + "---\n" + NAMESPACE + "---\n" + PRIORITY + "---\n" + CRD);

        ApplyResult result;
        try (CrdEstablisher establisher = new CrdEstablisher(cluster.client)) {
            result = applier.apply("aaa111", revision);
        }

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CREATED)).isEqualTo(10);
        List<String> created = cluster.requests().stream()
                .filter(request -> request.method().equals("POST") && !request.path().contains("/namespaces/gitops/"))
                .map(MockCluster.Request::path)
                .toList();
        assertThat(created).containsExactly(
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                "/api/v1/namespaces",
                "/apis/scheduling.k8s.io/v1/priorityclasses",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles",
                "/api/v1/namespaces/shop/serviceaccounts",
                "/api/v1/namespaces/shop/configmaps",
                "/api/v1/namespaces/shop/services",
                "/apis/apps/v1/namespaces/shop/deployments",
                "/apis/example.com/v1/namespaces/shop/widgets",
                "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations");
        assertThat(result.outcomes()).extracting(outcome -> outcome.id().kind()).containsExactly(
                "CustomResourceDefinition", "Namespace", "PriorityClass", "Role", "ServiceAccount", "ConfigMap", "Service",
                "Deployment", "Widget", "ValidatingWebhookConfiguration");
        assertThat(result.live().get(revision.get(9).id())).isNotNull();
    }

    @Test
    void aCrdThatIsNeverEstablishedFailsNamingItAndNothingAfterItIsApplied() {
        applier = new Applier(cluster.client, applier.settings().withCrdEstablishedTimeout(Duration.ofMillis(300)));

        ApplyResult result = applier.apply("aaa111", objects(CRD + "---\n" + WIDGET));

        assertThat(result.errors()).containsExactly(
                "apiextensions.k8s.io/CustomResourceDefinition/widgets.example.com: not Established within 300ms");
        assertThat(result.outcomes()).extracting(ApplyResult.Outcome::action).containsExactly(Action.FAILED, Action.NOT_APPLIED);
        assertThat(cluster.client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("shop").list().getItems())
                .isEmpty();
    }

    @Test
    void createsObjectsAndRecordsThemInTheInventory() throws Exception {
        ApplyResult result = applier.apply("aaa111", objects(WEB + "---\n" + CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CREATED)).isEqualTo(2);
        Deployment web = deployment();
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getMetadata().getAnnotations()).containsKey(ClientSideApply.LAST_APPLIED);
        Inventory inventory = applier.inventory();
        assertThat(inventory.revision()).isEqualTo("aaa111");
        assertThat(inventory.pendingRevision()).isEmpty();
        assertThat(inventory.entries()).extracting(entry -> entry.id().toString())
                .containsExactly("ConfigMap/shop/web-config", "apps/Deployment/shop/web");
    }

    @Test
    void updateAppliesChangedFieldsAsOneMergePatchAndKeepsFieldsSetByOthers() {
        applier.apply("aaa111", objects(WEB + "---\n" + CONFIG));
        cluster.client.configMaps().inNamespace("shop").withName("web-config")
                .edit(map -> new ConfigMapBuilder(map).addToData("owner", "ops").build());
        cluster.requests();

        ApplyResult result = applier.apply("bbb222", objects(WEB.replace("replicas: 2", "replicas: 3") + "---\n"
                + CONFIG.replace("greeting: hello, colour: blue", "greeting: hi")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CONFIGURED)).isEqualTo(2);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(config().getData()).containsEntry("greeting", "hi").containsEntry("owner", "ops");
        List<MockCluster.Request> writes =
                cluster.requests().stream().filter(MockCluster.Request::isWrite).toList();
        assertThat(writes).extracting(MockCluster.Request::toString).containsExactly(
                "PATCH /api/v1/namespaces/shop/configmaps/web-config",
                "PATCH /apis/apps/v1/namespaces/shop/deployments/web",
                "PUT /api/v1/namespaces/gitops/configmaps/gitops-inventory");
        assertThat(writes.get(0).contentType()).isEqualTo("application/merge-patch+json");
        assertThat(writes.get(0).body()).as("the dropped key is removed, the foreign one untouched")
                .contains("\"colour\":null").contains("\"greeting\":\"hi\"").doesNotContain("owner");
        assertThat(writes.get(1).body()).contains("\"spec\":{\"replicas\":3}");
        assertThat(applier.inventory().revision()).isEqualTo("bbb222");
    }

    @Test
    void liveDriftOnAnAppliedFieldIsCorrected() {
        applier.apply("aaa111", objects(WEB));
        cluster.client.apps().deployments().inNamespace("shop").withName("web")
                .edit(live -> new DeploymentBuilder(live).editSpec().withReplicas(5).endSpec().build());

        ApplyResult result = applier.apply("aaa111", objects(WEB));

        assertThat(result.count(Action.CONFIGURED)).isEqualTo(1);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void reconcilingAnUnchangedRevisionSendsNoWritesAndOneListPerKind() throws Exception {
        applier.apply("aaa111", objects(WEB + "---\n" + CONFIG + "---\n" + SERVICE));
        cluster.requests();

        ApplyResult again = applier.apply("aaa111", objects(WEB + "---\n" + CONFIG + "---\n" + SERVICE));

        List<MockCluster.Request> requests = cluster.requests();
        assertThat(again.count(Action.UNCHANGED)).isEqualTo(3);
        assertThat(requests).noneMatch(MockCluster.Request::isWrite);
        assertThat(requests).filteredOn(request -> request.isListOf("deployments")).hasSize(1);
        assertThat(requests).filteredOn(request -> request.isListOf("configmaps")).hasSize(1);
        assertThat(requests).filteredOn(request -> request.isListOf("services")).hasSize(1);
        assertThat(requests).as("the inventory GET and one LIST per kind").hasSize(4);
    }

    @Test
    void prunesWhatTheRevisionDroppedInReverseApplyOrder() throws Exception {
        applier.apply("aaa111", objects(WEB + "---\n" + CONFIG + "---\n" + SERVICE + "---\n" + ACCOUNT));
        cluster.requests();

        ApplyResult result = applier.apply("bbb222", objects(CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.outcomes()).filteredOn(outcome -> outcome.action() == Action.PRUNED)
                .extracting(outcome -> outcome.id().toString())
                .containsExactly("apps/Deployment/shop/web", "Service/shop/web", "ServiceAccount/shop/web");
        assertThat(cluster.requests()).filteredOn(request -> request.method().equals("DELETE"))
                .extracting(MockCluster.Request::path)
                .containsExactly("/apis/apps/v1/namespaces/shop/deployments/web", "/api/v1/namespaces/shop/services/web",
                        "/api/v1/namespaces/shop/serviceaccounts/web");
        assertThat(deployment()).isNull();
        assertThat(config()).isNotNull();
        assertThat(applier.inventory()).isEqualTo(new Inventory("bbb222", "", List.of(
                new InventoryEntry(ResourceId.of("v1", "ConfigMap", "shop", "web-config"), "v1"))));
    }

    @Test
    void anObjectAnnotatedPruneDisabledIsLeftInPlaceAndForgotten() {
        applier.apply("aaa111", objects(CONFIG + "---\n" + WEB.replace("  labels: {app: web}\nspec:",
                "  labels: {app: web}\n  annotations: {gitops.jenkins.io/prune: disabled}\nspec:")));

        ApplyResult result = applier.apply("bbb222", objects(CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.PRUNE_DISABLED)).isEqualTo(1);
        assertThat(deployment()).isNotNull();
        assertThat(applier.inventory().contains(ResourceId.of("apps/v1", "Deployment", "shop", "web"))).isFalse();
    }

    @Test
    void anObjectNeverInTheInventoryIsNeverDeleted() throws Exception {
        cluster.client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("hand-made").withNamespace("shop").endMetadata().build()).create();
        applier.apply("aaa111", objects(WEB + "---\n" + CONFIG));
        cluster.requests();

        ApplyResult result = applier.apply("bbb222", objects(CONFIG));

        assertThat(result.count(Action.PRUNED)).isEqualTo(1);
        assertThat(cluster.requests()).noneMatch(request -> request.path().contains("hand-made"));
        assertThat(cluster.client.apps().deployments().inNamespace("shop").withName("hand-made").get()).isNotNull();
    }

    @Test
    void withPruningOffDroppedObjectsStayAndLeaveTheInventory() throws Exception {
        applier = new Applier(cluster.client, applier.settings().withPrune(false));
        applier.apply("aaa111", objects(WEB + "---\n" + CONFIG));
        cluster.requests();

        ApplyResult result = applier.apply("bbb222", objects(CONFIG));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.PRUNED)).isZero();
        assertThat(deployment()).isNotNull();
        assertThat(cluster.requests()).noneMatch(request -> request.method().equals("DELETE"));
        assertThat(applier.inventory().entries()).hasSize(1);
    }

    @Test
    void anApiErrorIsOneLineNamingTheObjectAndStopsLaterGroupsAndPruning() {
        applier.apply("aaa111", objects(CONFIG + "---\n" + SERVICE));
        cluster.failNext("POST", "/apis/apps/v1/namespaces/shop/deployments", 403, "Forbidden",
                "deployments.apps is forbidden: User \\\"system:serviceaccount:gitops:agent\\\" cannot create resource\\n in the namespace");

        ApplyResult result = applier.apply("bbb222", objects(ACCOUNT + "---\n" + WEB + "---\n" + WIDGET));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).containsExactly("apps/Deployment/shop/web: Forbidden (403): deployments.apps is forbidden: "
                + "User \"system:serviceaccount:gitops:agent\" cannot create resource in the namespace");
        assertThat(result.outcomes()).extracting(outcome -> outcome.id().kind(), ApplyResult.Outcome::action).containsExactly(
                tuple("ServiceAccount", Action.CREATED), tuple("Deployment", Action.FAILED), tuple("Widget", Action.NOT_APPLIED));
        assertThat(config()).as("nothing pruned after a failure").isNotNull();
        Inventory inventory = applier.inventory();
        assertThat(inventory.revision()).isEqualTo("aaa111");
        assertThat(inventory.pendingRevision()).isEqualTo("bbb222");
        assertThat(inventory.entries()).as("the union: whatever was created stays prunable").hasSize(5);
    }

    @Test
    void afterAnInterruptedApplyTheNextRevisionPrunesWhatTheInterruptedOneCreated() {
        applier.apply("aaa111", objects(CONFIG));
        cluster.failNext("POST", "/apis/apps/v1/namespaces/shop/deployments", 422, "Invalid", "spec.template: Required value");
        applier = new Applier(cluster.client, applier.settings());
        ApplyResult interrupted = applier.apply("bbb222", objects(ACCOUNT + "---\n" + WEB));
        assertThat(interrupted.succeeded()).isFalse();

        ApplyResult next = applier.apply("ccc333", objects(CONFIG));

        assertThat(next.errors()).isEmpty();
        assertThat(next.outcomes()).filteredOn(outcome -> outcome.action() == Action.PRUNED)
                .extracting(outcome -> outcome.id().toString())
                .containsExactly("ServiceAccount/shop/web");
        assertThat(cluster.client.serviceAccounts().inNamespace("shop").withName("web").get()).isNull();
        assertThat(applier.inventory()).isEqualTo(new Inventory("ccc333", "", List.of(
                new InventoryEntry(ResourceId.of("v1", "ConfigMap", "shop", "web-config"), "v1"))));
    }

    @Test
    void aKindTheServerDoesNotServeFailsNamingTheObject() {
        ApplyResult result = applier.apply("aaa111", objects(WIDGET));

        assertThat(result.errors()).containsExactly(
                "example.com/Widget/shop/gear: the API server does not serve kind Widget in example.com/v1");
    }

    private static List<ManifestObject> objects(String yaml) {
        return Manifests.parse("shop/app.yaml", yaml);
    }

    private ConfigMap config() {
        return cluster.client.configMaps().inNamespace("shop").withName("web-config").get();
    }

    private Deployment deployment() {
        return cluster.client.apps().deployments().inNamespace("shop").withName("web").get();
    }

}
