package io.jenkins.plugins.gitops.agent.apply;

import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.applier;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.defaults;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.objects;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.requests;
import static io.jenkins.plugins.gitops.agent.apply.AgentRequests.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Container;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-side apply against the real API server: what it writes, what it leaves alone, and whose fields it takes. */
@OnLocalControlPlane
@Timeout(300)
class ServerSideApplyTest {

    /** Every kind of value the server defaults, canonicalises or leaves out of what it returns. */
    static final String CORPUS = """
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
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: string, default: medium}
                          teeth: {type: integer, default: 12}
                          labels: {type: object, additionalProperties: {type: string}}
                          parts:
                            type: array
                            items:
                              type: object
                              properties:
                                name: {type: string}
                                colour: {type: string, default: grey}
            ---
            apiVersion: TESTNS.example.com/v1
            kind: Widget
            metadata: {name: gear, namespace: TESTNS}
            spec:
              parts: [{name: axle}]
              labels: {}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: TESTNS-reader}
            rules:
            - apiGroups: [""]
              resources: [configmaps]
              verbs: [get, list]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: TESTNS, labels: {}, annotations: {}}
            data: {greeting: hello, empty: ""}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: credentials, namespace: TESTNS}
            stringData: {password: s3cret}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: TESTNS}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: http}
              - {name: metrics, port: 9090, targetPort: 9090}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: dns, namespace: TESTNS}
            spec:
              selector: {app: dns}
              ports:
              - {name: dns, port: 53, protocol: UDP}
              - {name: dns-tcp, port: 53}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: store, namespace: TESTNS}
            spec:
              serviceName: store
              replicas: 1
              selector: {matchLabels: {app: store}}
              template:
                metadata: {labels: {app: store}}
                spec:
                  containers:
                  - name: store
                    image: registry.example/store:1
                    env: [{name: EMPTY, value: ""}]
                    volumeMounts: [{name: data, mountPath: /data}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: TESTNS}
            spec:
              schedule: "0 3 1 1 *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - {name: job, image: registry.example/job:1, args: [--all]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: TESTNS, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}, annotations: {}}
                spec:
                  hostNetwork: false
                  tolerations: []
                  containers:
                  - name: web
                    image: registry.example/web:1.0.0
                    ports: [{name: http, containerPort: 8080}, {containerPort: 9090}]
                    env: [{name: MODE, value: production}]
                    resources:
                      requests: {cpu: 0.5, memory: 1Gi}
                      limits: {cpu: 1, memory: 1536Mi}
                    readinessProbe: {httpGet: {path: /ready, port: http}, initialDelaySeconds: 0}
                    volumeMounts: [{name: cache, mountPath: /cache, readOnly: false}]
                  volumes: [{name: cache, emptyDir: {}}]
            """;

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: TESTNS, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: registry.example/web:1.0.0
                    ports: [{containerPort: 8080}, {name: metrics, containerPort: 9090}]
                    env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: C, value: "3"}]
            """;

    @Test
    void tenReconcilesOfAnUnchangedRevisionFullOfServerDefaultsWriteNothing(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        List<ManifestObject> revision = objects(namespace, CORPUS);
        ApplyResult first = applier.apply("aaa111", revision);
        assertThat(first.errors()).isEmpty();
        assertThat(first.count(Action.CREATED)).isEqualTo(10);
        int written = writes(namespace).size();
        assertThat(written).as("the applies and the inventory").isGreaterThanOrEqualTo(11);

        for (int i = 0; i < 10; i++) {
            ApplyResult again = applier.apply("aaa111", objects(namespace, CORPUS));
            assertThat(again.outcomes()).extracting(ApplyResult.Outcome::action).containsOnly(Action.UNCHANGED);
        }

        assertThat(writes(namespace)).hasSize(written);
    }

    @Test
    void aGitChangeToAnyDefaultedFieldIsStillApplied(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        applier.apply("aaa111", objects(namespace, CORPUS));
        String changed = CORPUS.replace("cpu: 0.5", "cpu: 0.75").replace("memory: 1536Mi", "memory: 2Gi")
                .replace("hostNetwork: false", "hostNetwork: true").replace("readOnly: false", "readOnly: true")
                .replace("initialDelaySeconds: 0", "initialDelaySeconds: 5").replace("parts: [{name: axle}]", "parts: [{name: axle, colour: red}]")
                .replace("stringData: {password: s3cret}", "stringData: {password: n3w}")
                .replace("{name: metrics, port: 9090, targetPort: 9090}", "{name: metrics, port: 9090, targetPort: 9091}")
                .replace("verbs: [get, list]", "verbs: [get]").replace("empty: \"\"", "empty: filled");

        ApplyResult result = applier.apply("bbb222", objects(namespace, changed));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CONFIGURED)).isEqualTo(6);
        assertThat(result.count(Action.UNCHANGED)).as("the CustomResourceDefinition, StatefulSet, CronJob and the dns Service")
                .isEqualTo(4);
        Container web = deployment(namespace).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(web.getResources().getRequests().get("cpu").toString()).isEqualTo("750m");
        assertThat(web.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
        assertThat(web.getReadinessProbe().getInitialDelaySeconds()).isEqualTo(5);
        assertThat(web.getVolumeMounts().get(0).getReadOnly()).isTrue();
        assertThat(deployment(namespace).getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        assertThat(namespace.client().services().inNamespace(namespace.name()).withName("web").get().getSpec().getPorts().get(1).getTargetPort().getIntVal())
                .isEqualTo(9091);
        assertThat(namespace.client().secrets().inNamespace(namespace.name()).withName("credentials").get().getData())
                .containsEntry("password", Base64.getEncoder().encodeToString("n3w".getBytes(StandardCharsets.UTF_8)));
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("settings").get().getData()).containsEntry("empty", "filled");
        assertThat(namespace.client().rbac().clusterRoles().withName(namespace.name() + "-reader").get().getRules().get(0).getVerbs())
                .containsExactly("get");
        assertThat(namespace.client().genericKubernetesResources(namespace.name() + ".example.com/v1", "Widget").inNamespace(namespace.name())
                .withName("gear").get().getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("parts", List.of(Map.of("name", "axle", "colour", "red")), "labels", Map.of(),
                        "size", "medium", "teeth", 12));
    }

    @Test
    void aThousandUnchangedObjectsTenTimesOverWriteNothing(TestNamespace namespace) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 980; i++) {
            yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-").append(i)
                    .append(", namespace: TESTNS}\ndata: {index: \"").append(i).append("\", size: 0.5Gi}\n---\n");
        }
        for (int i = 0; i < 20; i++) {
            yaml.append(WEB.replace("name: web, namespace", "name: web-" + i + ", namespace")).append("---\n");
        }
        Applier applier = applier(namespace, defaults(namespace));
        assertThat(applier.apply("aaa111", objects(namespace, yaml.toString())).count(Action.CREATED)).isEqualTo(1000);
        int written = writes(namespace).size();

        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(applier.apply("aaa111", objects(namespace, yaml.toString())).count(Action.UNCHANGED)).isEqualTo(1000);
        }
        long millisPerReconcile = (System.nanoTime() - started) / 10_000_000;

        assertThat(writes(namespace)).hasSize(written);
        System.out.printf("1000 unchanged objects: %d agent writes in 10 reconciles, %d ms per reconcile%n",
                writes(namespace).size() - written, millisPerReconcile);
    }

    @Test
    void fieldsChangedWithKubectlScaleSetImageAndEditAreTakenBackWithoutAConflict(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace));
        applier.apply("aaa111", objects(namespace, WEB));
        Kubectl kubectl = new Kubectl(namespace);
        kubectl.run("scale", "deployment/web", "--replicas=5");
        kubectl.run("set", "image", "deployment/web", "web=registry.example/web:6.6.6");
        kubectl.edit("deployment/web", "s/value: \"2\"/value: \"edited\"/");
        assertThat(deployment(namespace).getSpec().getReplicas()).isEqualTo(5);

        ApplyResult result = applier.apply("aaa111", objects(namespace, WEB));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CONFIGURED)).isEqualTo(1);
        Deployment web = deployment(namespace);
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1.0.0");
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(1).getValue()).isEqualTo("2");
        assertThat(requests(namespace)).extracting(AuditEvent::code).doesNotContain(409);
        int written = writes(namespace).size();
        assertThat(applier.apply("aaa111", objects(namespace, WEB)).count(Action.UNCHANGED)).isEqualTo(1);
        assertThat(writes(namespace)).hasSize(written);
    }

    @Test
    void aPortRemovedByHandIsPutBackThoughAnotherPortHasTheSameNumber(TestNamespace namespace) {
        String dns = """
                apiVersion: v1
                kind: Service
                metadata: {name: dns, namespace: TESTNS}
                spec:
                  selector: {app: dns}
                  ports:
                  - {name: dns, port: 53, protocol: UDP}
                  - {name: dns-tcp, port: 53}
                """;
        Applier applier = applier(namespace, defaults(namespace));
        applier.apply("aaa111", objects(namespace, dns));
        new Kubectl(namespace).run("patch", "service/dns", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/ports/1\"}]");

        ApplyResult result = applier.apply("aaa111", objects(namespace, dns));

        assertThat(result.count(Action.CONFIGURED)).isEqualTo(1);
        assertThat(namespace.client().services().inNamespace(namespace.name()).withName("dns").get().getSpec().getPorts())
                .extracting(port -> port.getName() + " " + port.getProtocol()).containsExactly("dns UDP", "dns-tcp TCP");
    }

    @Test
    void withoutForceAFieldAnotherManagerChangedFailsNamingTheObjectTheFieldAndTheManager(TestNamespace namespace) {
        Applier applier = applier(namespace, defaults(namespace)
                .withStrategy(new ServerSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER, false)));
        applier.apply("aaa111", objects(namespace, WEB));
        new Kubectl(namespace).run("set", "image", "deployment/web", "web=registry.example/web:6.6.6");

        ApplyResult result = applier.apply("aaa111", objects(namespace, WEB));

        assertThat(result.errors()).containsExactly("apps/Deployment/" + namespace.name() + "/web: Conflict (409): "
                + "fields Git sets are managed by another manager and conflicts are not forced: "
                + ".spec.template.spec.containers[name=\"web\"].image: conflict with \"kubectl-set\" using apps/v1");
    }

    @Test
    void anObjectCreatedByKubectlApplyIsTakenOverSoThatWhatGitDropsIsRemoved(TestNamespace namespace) {
        String web = WEB.replace("TESTNS", namespace.name());
        new Kubectl(namespace).apply(web);
        Applier applier = applier(namespace, defaults(namespace));

        ApplyResult takeover = applier.apply("aaa111", objects(namespace, WEB));

        assertThat(takeover.errors()).isEmpty();
        Deployment live = deployment(namespace);
        assertThat(live.getMetadata().getAnnotations()).doesNotContainKey(ClientSideApply.LAST_APPLIED);
        assertThat(live.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .doesNotContain(ClientSideHandover.KUBECTL_CLIENT_SIDE_APPLY);
        // A handover whose guard a controller's write broke (422) changed nothing and is made again.
        assertThat(writes(namespace)).filteredOn(event -> event.resource().equals("deployments") && event.code() < 300)
                .extracting(AuditEvent::requestUri).as("the handover, then the apply")
                .containsExactly("/apis/apps/v1/namespaces/" + namespace.name() + "/deployments/web?fieldManager=gitops-agent",
                        "/apis/apps/v1/namespaces/" + namespace.name() + "/deployments/web?fieldManager=gitops-agent&force=true");

        ApplyResult dropped = applier.apply("bbb222", objects(namespace, WEB.replace(", {name: B, value: \"2\"}", "")
                .replace(", {name: metrics, containerPort: 9090}", "")));

        assertThat(dropped.errors()).isEmpty();
        Container container = deployment(namespace).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(env -> env.getName()).containsExactly("A", "C");
        assertThat(container.getPorts()).extracting(port -> port.getContainerPort()).containsExactly(8080);
    }

    @Test
    void whatGitDropsAtTheTakeoverItselfIsRemoved(TestNamespace namespace) {
        new Kubectl(namespace).apply(WEB.replace("TESTNS", namespace.name()));

        ApplyResult result = applier(namespace, defaults(namespace))
                .apply("aaa111", objects(namespace, WEB.replace(", {name: B, value: \"2\"}", "")));

        assertThat(result.errors()).isEmpty();
        assertThat(deployment(namespace).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(env -> env.getName()).containsExactly("A", "C");
    }

    @Test
    void afterSwitchingFromClientSideApplyWhatGitDropsIsRemoved(TestNamespace namespace) {
        applier(namespace, defaults(namespace).withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER)))
                .apply("aaa111", objects(namespace, WEB));
        Applier serverSide = applier(namespace, defaults(namespace));
        serverSide.apply("aaa111", objects(namespace, WEB));

        ApplyResult result = serverSide.apply("bbb222", objects(namespace, WEB.replace(", {name: B, value: \"2\"}", "")));

        assertThat(result.errors()).isEmpty();
        assertThat(deployment(namespace).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(env -> env.getName()).containsExactly("A", "C");
        assertThat(deployment(namespace).getMetadata().getAnnotations()).doesNotContainKey(ClientSideApply.LAST_APPLIED);
    }

    @Test
    void appliesAsTheConfiguredFieldManagerWithForceInTheRequest(TestNamespace namespace) {
        applier(namespace, defaults(namespace).withStrategy(ApplyStrategy.named("server-side", "platform-agent", true)))
                .apply("aaa111", objects(namespace, WEB));

        assertThat(writes(namespace)).filteredOn(event -> event.resource().equals("deployments"))
                .singleElement().satisfies(event -> assertThat(event.requestUri()).endsWith("?fieldManager=platform-agent&force=true"));
        assertThat(deployment(namespace).getMetadata().getManagedFields())
                .anySatisfy(entry -> {
                    assertThat(entry.getManager()).isEqualTo("platform-agent");
                    assertThat(entry.getOperation()).isEqualTo("Apply");
                });
    }

    @Test
    void anUnknownStrategyNameIsRefusedInOneLine() {
        assertThatThrownBy(() -> ApplyStrategy.named("replace", "gitops-agent", false))
                .hasMessage("unknown apply strategy 'replace': use server-side or client-side");
    }

    private static Deployment deployment(TestNamespace namespace) {
        return namespace.client().apps().deployments().inNamespace(namespace.name()).withName("web").get();
    }
}
