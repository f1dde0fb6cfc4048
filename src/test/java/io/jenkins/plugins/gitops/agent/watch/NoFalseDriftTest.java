package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A revision full of what the API server rewrites or leaves out (zero values it omits, ports without
 * a protocol, quantities in other notations, int-or-string values, empty maps and lists, a custom
 * resource its schema defaults, replicas an autoscaler owns while Git sets none) shows no drift
 * however often it is evaluated, and is never "corrected"; a Git change or a live edit of those same
 * fields still is drift.
 */
@OnLocalControlPlane
@Timeout(300)
class NoFalseDriftTest {

    static final String DEFINITION = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.drift.example.com}
            spec:
              group: drift.example.com
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              scope: Namespaced
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
                          size: {type: integer, default: 1}
                          colour: {type: string, default: blue}
                          enabled: {type: boolean, default: false}
                          tags: {type: array, items: {type: string}}
                          labels: {type: object, additionalProperties: {type: string}}
            """;

    static final String CORPUS = """
            ---
            apiVersion: drift.example.com/v1
            kind: Widget
            metadata: {name: gadget, namespace: shop}
            spec: {enabled: false, tags: [], labels: {}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: shop, annotations: {}}
            automountServiceAccountToken: false
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop, labels: {}}
            immutable: false
            data: {greeting: hello, empty: ""}
            binaryData: {}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}, annotations: {}}
            spec:
              replicas: 2
              minReadySeconds: 0
              paused: false
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}, annotations: {}}
                spec:
                  serviceAccountName: web
                  hostNetwork: false
                  hostPID: false
                  enableServiceLinks: false
                  nodeSelector: {}
                  tolerations: []
                  imagePullSecrets: []
                  securityContext: {runAsNonRoot: false}
                  containers:
                  - name: web
                    image: registry.example/web:1.0.0
                    args: []
                    env: []
                    stdin: false
                    tty: false
                    ports:
                    - {containerPort: 8080, name: http}
                    - {containerPort: 9090, protocol: TCP, name: metrics}
                    readinessProbe: {tcpSocket: {port: http}, initialDelaySeconds: 0, periodSeconds: 10}
                    livenessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelaySeconds: 0}
                    resources:
                      requests: {cpu: 0.5, memory: 1Gi}
                      limits: {cpu: 1, memory: 1536Mi}
                    volumeMounts: [{name: data, mountPath: /data, readOnly: false}]
                    securityContext: {privileged: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false}
                  volumes: [{name: data, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              publishNotReadyAddresses: false
              ports:
              - {name: http, port: 80, targetPort: http}
              - {name: metrics, port: 9090, targetPort: 9090}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec:
              minAvailable: 50%
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker, namespace: shop}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers: [{name: worker, image: registry.example/worker:1.0.0, resources: {requests: {cpu: 250m}}}]
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: worker, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: worker}
              minReplicas: 3
              maxReplicas: 5
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
            """ + WatchedSecrets.SECRET_IN_GIT;

    private static final int EVALUATIONS = 100;
    private static final Duration RESYNC = Duration.ofMillis(500);
    /**
     * A minute in every build; {@code -Dgitops.noFalseDrift.watchSeconds=600
     * -Djunit.jupiter.execution.timeout.mode=disabled} gives the ten-minute watch.
     */
    private static final Duration WATCHED = Duration.ofSeconds(Long.getLong("gitops.noFalseDrift.watchSeconds", 60));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WatchedCluster cluster;
    private TestNamespace namespace;
    private Kubectl kubectl;

    @BeforeEach
    void startCluster(TestNamespace namespace) throws Exception {
        this.namespace = namespace;
        cluster = WatchedCluster.on(namespace);
        kubectl = new Kubectl(namespace);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void whatTheAgentAppliedIsInSyncOverAHundredReconcilesAndAMinuteOfResyncsInCorrectModeWithoutAWriteOrDryRun()
            throws Exception {
        cluster.applyAndWatch(DEFINITION + CORPUS, WatchSettings.defaults(WatchMode.CORRECT, List.of()).withResyncInterval(RESYNC));
        awaitAutoscaled();
        int writesBefore = agentRequests(event -> true).size();
        int reportsBefore = cluster.receiver.accepted().size();

        for (int round = 0; round < EVALUATIONS; round++) {
            ApplyResult result = cluster.applier.apply(WatchedCluster.REVISION, cluster.desired);
            assertThat(result.outcomes()).as("reconcile %d", round).extracting(ApplyResult.Outcome::action)
                    .containsOnly(ApplyResult.Action.UNCHANGED);
            cluster.watch.update(AppliedState.afterApply(List.of(), cluster.desired, result, Map.of(), Instant.now()));
            assertAllInSync(cluster.watch.resync(), "reconcile " + round);
        }
        evaluateAndWatch();

        assertNoDriftSince(reportsBefore);
        assertThat(agentRequests(event -> true)).as("writes and dry runs from the agent while watching").hasSize(writesBefore);
    }

    @Test
    void whatKubectlAppliedBeforeTheAgentTookOverIsInSyncOnceTakenOverAndFromThenOnJudgedByDryRunsAlone() throws Exception {
        kubectl.apply(DEFINITION);
        kubectl.run("wait", "--for=condition=Established", "crd/widgets.drift.example.com", "--timeout=60s");
        kubectl.apply(CORPUS.replace("namespace: " + WatchedCluster.NAMESPACE, "namespace: " + namespace.name()));
        // The first apply takes kubectl's objects over and sets the agent's label, which the watch selects on.
        cluster.applyAndWatch(DEFINITION + CORPUS, WatchSettings.defaults(WatchMode.CORRECT, List.of()).withResyncInterval(RESYNC));
        awaitAutoscaled();
        int writesBefore = agentRequests(event -> !event.isDryRun()).size();
        int reportsBefore = cluster.receiver.accepted().size();

        evaluateAndWatch();

        assertNoDriftSince(reportsBefore);
        assertThat(agentRequests(event -> namespace.name().equals(event.namespace()))).as("requests from the agent")
                .isNotEmpty();
        assertThat(agentRequests(event -> !event.isDryRun())).as("writes from the agent while watching").hasSize(writesBefore);
    }

    @Test
    void aGitChangeToTheZeroValuesAndQuantitiesIsDrift() throws Exception {
        cluster.applyAndWatch(DEFINITION + CORPUS, WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of()));
        var changed = cluster.objects(DEFINITION + CORPUS
                .replace("hostNetwork: false", "hostNetwork: true")
                .replace("readOnly: false", "readOnly: true")
                .replace("readinessProbe: {tcpSocket: {port: http}, initialDelaySeconds: 0", "readinessProbe: {tcpSocket: {port: http}, initialDelaySeconds: 5")
                .replace("cpu: 0.5", "cpu: 0.75")
                .replace("spec: {enabled: false", "spec: {enabled: true"));

        cluster.watch.update(new AppliedState("3333333333333333333333333333333333333333", List.of(), changed, List.of(),
                Map.of(), List.of(), null));

        Report report = cluster.receiver.await(r -> r.source().revision().startsWith("3333"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).extracting(FieldDiff::path).containsExactlyInAnyOrder(
                "/spec/template/spec/hostNetwork",
                "/spec/template/spec/containers/0/volumeMounts/0/readOnly",
                "/spec/template/spec/containers/0/readinessProbe/initialDelaySeconds",
                "/spec/template/spec/containers/0/resources/requests/cpu");
        assertThat(resource(report, "Widget", "gadget").diffs()).extracting(FieldDiff::path).containsExactly("/spec/enabled");
        assertThat(report.resources())
                .filteredOn(entry -> !(entry.kind().equals("Deployment") && entry.name().equals("web")) && !entry.kind().equals("Widget"))
                .allSatisfy(entry -> assertThat(entry.diffs()).as(entry.kind() + " " + entry.name()).isEmpty());
    }

    @Test
    void aLiveEditOfTheZeroValuesIsDriftNamingKubectl() throws Exception {
        cluster.applyAndWatch(DEFINITION + CORPUS, WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of()));

        kubectl.run("patch", "deployment/web", "--type=json", "-p", """
                [{"op": "add", "path": "/spec/template/spec/hostNetwork", "value": true},
                 {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts/0/readOnly", "value": true}]
                """);

        Report report = cluster.receiver.await(DriftWatchTest.drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).satisfiesExactlyInAnyOrder(
                diff -> assertLiveTrueAgainstGitFalse(diff, "/spec/template/spec/hostNetwork"),
                diff -> assertLiveTrueAgainstGitFalse(diff, "/spec/template/spec/containers/0/volumeMounts/0/readOnly"));
    }

    private static void assertLiveTrueAgainstGitFalse(FieldDiff diff, String path) {
        assertThat(diff.path()).isEqualTo(path);
        assertThat(diff.desired().json()).isEqualTo("false");
        assertThat(diff.live().json()).isEqualTo("true");
        assertThat(diff.manager()).isEqualTo("kubectl-patch");
    }

    /** The autoscaler has taken the worker's replicas, which Git does not set, to its minimum. */
    private void awaitAutoscaled() {
        cluster.client.apps().deployments().inNamespace(namespace.name()).withName("worker")
                .waitUntilCondition(d -> d != null && Integer.valueOf(3).equals(d.getSpec().getReplicas()), 60, TimeUnit.SECONDS);
    }

    /** A hundred evaluations on demand, then the watch left to resync on its own. */
    private void evaluateAndWatch() throws InterruptedException {
        for (int i = 0; i < EVALUATIONS; i++) {
            assertAllInSync(cluster.watch.resync(), "evaluation " + i);
        }
        Thread.sleep(WATCHED.toMillis());
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
    }

    private void assertAllInSync(List<ObjectDrift> drifts, String when) {
        assertThat(drifts).as(when).hasSize(cluster.desired.size()).allSatisfy(drift ->
                assertThat(drift.status()).as(when + ", " + drift.id() + ": " + drift.message()).isEqualTo(DriftStatus.IN_SYNC));
    }

    private void assertNoDriftSince(int reportsBefore) {
        List<Report> reports = cluster.receiver.accepted().subList(reportsBefore, cluster.receiver.accepted().size());
        assertThat(reports).as("reports while watching").hasSizeGreaterThan(EVALUATIONS + (int) (WATCHED.toMillis() / RESYNC.toMillis() / 2));
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.resources()).allSatisfy(entry -> assertThat(entry.diffs()).as(entry.kind() + " " + entry.name()).isEmpty());
            assertThat(report.resources()).extracting(ResourceEntry::status)
                    .doesNotContain(ResourceStatus.DRIFTED, ResourceStatus.MISSING);
            assertThat(report.events()).noneMatch(event -> event.type() == EventType.CORRECTED);
        });
    }

    /** What the agent sent to this test's objects (its namespace, and the custom resource definition). */
    private List<AuditEvent> agentRequests(Predicate<AuditEvent> filter) {
        return namespace.cluster().audit(event -> event.fromAgent() && event.isWrite()
                && (namespace.name().equals(event.namespace()) || "customresourcedefinitions".equals(event.resource()))
                && filter.test(event));
    }
}
