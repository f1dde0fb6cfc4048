package io.jenkins.plugins.gitops.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of docs/apply.md's health table, applied server-side by the {@link Applier} to the
 * local control plane and judged by {@link HealthCheck#of} on what the real controllers (and kwok,
 * for Pods on the fake Node) make of it, until the verdict a person would expect.
 */
@OnLocalControlPlane
@Timeout(150)
class HealthOnTheControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private int revisions;

    @Test
    void aDeploymentIsProgressingUntilItsRolloutCompletesAndAgainWhenItsImageChanges(TestNamespace namespace) throws Exception {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            ApplyResult first = apply(agent, namespace, deployment(namespace, "1.0"));
            assertThat(HealthCheck.of(live(first, "Deployment")).status()).isEqualTo(HealthStatus.PROGRESSING);
            Health rolledOut = await(() -> live(namespace, "apps/v1", "Deployment", "web"), HealthStatus.HEALTHY);
            assertThat(rolledOut.message()).isEqualTo("2 of 2 replicas updated and available");

            ApplyResult second = apply(agent, namespace, deployment(namespace, "1.1"));
            assertThat(HealthCheck.of(live(second, "Deployment")).status()).isEqualTo(HealthStatus.PROGRESSING);
            await(() -> live(namespace, "apps/v1", "Deployment", "web"), HealthStatus.HEALTHY);

            List<GenericKubernetesResource> replicaSets = namespace.client().genericKubernetesResources("apps/v1", "ReplicaSet")
                    .inNamespace(namespace.name()).list().getItems();
            assertThat(replicaSets).hasSize(2);
            for (GenericKubernetesResource replicaSet : replicaSets) {
                await(() -> live(namespace, "apps/v1", "ReplicaSet", replicaSet.getMetadata().getName()), HealthStatus.HEALTHY);
            }
        }
    }

    /**
     * Pods that select no Node are never scheduled, and the controllers give up as the deadlines say;
     * the quota admits one Pod that requests resources (the ReplicaSet's), the others request none.
     */
    @Test
    void workloadsTheControllersGiveUpOnAreDegraded(TestNamespace namespace) throws Exception {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            apply(agent, namespace, """
                    apiVersion: v1
                    kind: ResourceQuota
                    metadata: {name: pods, namespace: %1$s}
                    spec: {hard: {pods: "1"}, scopes: [NotBestEffort]}
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: stuck, namespace: %1$s}
                    spec:
                      replicas: 1
                      progressDeadlineSeconds: 2
                      selector: {matchLabels: {app: stuck}}
                      template:
                        metadata: {labels: {app: stuck}}
                        spec:
                          nodeSelector: {pool: none-such}
                          containers: [{name: stuck, image: registry.example/stuck:1.0}]
                    ---
                    apiVersion: apps/v1
                    kind: ReplicaSet
                    metadata: {name: crowd, namespace: %1$s}
                    spec:
                      replicas: 3
                      selector: {matchLabels: {app: crowd}}
                      template:
                        metadata: {labels: {app: crowd}}
                        spec:
                          nodeSelector: {pool: none-such}
                          containers: [{name: crowd, image: registry.example/crowd:1.0, resources: {requests: {cpu: 10m}}}]
                    ---
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: late, namespace: %1$s}
                    spec:
                      activeDeadlineSeconds: 2
                      template:
                        spec:
                          restartPolicy: Never
                          nodeSelector: {pool: none-such}
                          containers: [{name: late, image: registry.example/late:1.0}]
                    """.formatted(namespace.name()));

            assertThat(await(() -> live(namespace, "apps/v1", "Deployment", "stuck"), HealthStatus.DEGRADED).message())
                    .startsWith("rollout exceeded its progress deadline: ProgressDeadlineExceeded: ");
            assertThat(await(() -> live(namespace, "apps/v1", "ReplicaSet", "crowd"), HealthStatus.DEGRADED).message())
                    .startsWith("replicas cannot be created: FailedCreate: ").contains("exceeded quota");
            assertThat(await(() -> live(namespace, "batch/v1", "Job", "late"), HealthStatus.DEGRADED).message())
                    .startsWith("job failed: DeadlineExceeded: ");
        }
    }

    @Test
    void aStatefulSetADaemonSetAndAPodAreHealthyOnceKwokMakesTheirPodsReady(TestNamespace namespace) throws Exception {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            apply(agent, namespace, """
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db, namespace: %1$s}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: db}}
                      template:
                        metadata: {labels: {app: db}}
                        spec: {containers: [{name: db, image: registry.example/db:1.0}]}
                    ---
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata: {name: logs, namespace: %1$s}
                    spec:
                      selector: {matchLabels: {app: logs}}
                      template:
                        metadata: {labels: {app: logs}}
                        spec: {containers: [{name: logs, image: registry.example/logs:1.0}]}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: single, namespace: %1$s}
                    spec: {containers: [{name: single, image: registry.example/single:1.0}]}
                    """.formatted(namespace.name()));

            assertThat(await(() -> live(namespace, "apps/v1", "StatefulSet", "db"), HealthStatus.HEALTHY).message())
                    .isEqualTo("2 of 2 replicas ready and updated");
            assertThat(await(() -> live(namespace, "apps/v1", "DaemonSet", "logs"), HealthStatus.HEALTHY).message())
                    .isEqualTo("1 of 1 pods updated and available");
            assertThat(await(() -> live(namespace, "v1", "Pod", "single"), HealthStatus.HEALTHY).message())
                    .isEqualTo("pod is running and ready");
        }
    }

    @Test
    void aJobIsHealthyOnceCompleteAndACronJobOnceTheJobItStartedSucceeded(TestNamespace namespace) throws Exception {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            ApplyResult applied = apply(agent, namespace, """
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: migrate, namespace: %1$s}
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: migrate, image: registry.example/migrate:1.0}]
                    ---
                    apiVersion: batch/v1
                    kind: CronJob
                    metadata: {name: nightly, namespace: %1$s}
                    spec:
                      schedule: "* * * * *"
                      jobTemplate:
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                              containers: [{name: nightly, image: registry.example/nightly:1.0}]
                    """.formatted(namespace.name()));
            assertThat(HealthCheck.of(live(applied, "Job")).status()).isEqualTo(HealthStatus.PROGRESSING);
            assertThat(HealthCheck.of(live(applied, "CronJob")).message()).isEqualTo("no job scheduled yet");

            assertThat(await(() -> live(namespace, "batch/v1", "Job", "migrate"), HealthStatus.HEALTHY).message())
                    .isEqualTo("job completed: 1 succeeded");
            // The controller starts a job at the next full minute.
            Health cronJob = await(() -> live(namespace, "batch/v1", "CronJob", "nightly"),
                    health -> health.message().startsWith("last job succeeded at "), Duration.ofSeconds(100));
            assertThat(cronJob.status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void aClaimIsHealthyOnceTheBinderBindsItToAMatchingVolumeAndProgressingWhileNoneMatches(TestNamespace namespace)
            throws Exception {
        String volume = "pv-" + namespace.name();
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            apply(agent, namespace, """
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: %2$s}
                    spec:
                      capacity: {storage: 1Gi}
                      accessModes: [ReadWriteOnce]
                      storageClassName: manual-%1$s
                      persistentVolumeReclaimPolicy: Retain
                      hostPath: {path: /tmp/%2$s}
                    ---
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: data, namespace: %1$s}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: manual-%1$s
                      resources: {requests: {storage: 1Gi}}
                    ---
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: unmatched, namespace: %1$s}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: manual-%1$s
                      resources: {requests: {storage: 5Gi}}
                    """.formatted(namespace.name(), volume));

            assertThat(await(() -> live(namespace, "v1", "PersistentVolumeClaim", "data"), HealthStatus.HEALTHY).message())
                    .isEqualTo("bound to volume " + volume);
            Map<String, Object> unmatched = live(namespace, "v1", "PersistentVolumeClaim", "unmatched");
            assertThat(unmatched).extracting(claim -> ((Map<?, ?>) claim.get("status")).get("phase")).isEqualTo("Pending");
            assertThat(HealthCheck.of(unmatched)).isEqualTo(new Health(HealthStatus.PROGRESSING, "waiting for a volume to be bound"));
        } finally {
            namespace.client().persistentVolumes().withName(volume).delete();
        }
    }

    @Test
    void aLoadBalancerServiceWithoutAnAddressIsProgressingAndAClusterIpServiceHealthy(TestNamespace namespace) throws Exception {
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            apply(agent, namespace, """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: public, namespace: %1$s}
                    spec:
                      type: LoadBalancer
                      selector: {app: web}
                      ports: [{port: 80, targetPort: 8080}]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: internal, namespace: %1$s}
                    spec:
                      selector: {app: web}
                      ports: [{port: 80, targetPort: 8080}]
                    """.formatted(namespace.name()));

            // No cloud controller runs: nobody gives the load balancer an address.
            Map<String, Object> loadBalancer = live(namespace, "v1", "Service", "public");
            assertThat(HealthCheck.of(loadBalancer)).isEqualTo(new Health(HealthStatus.PROGRESSING, "waiting for a load balancer address"));
            assertThat(HealthCheck.of(live(namespace, "v1", "Service", "internal")).status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void aCustomResourceFollowsTheReadyConditionItsOperatorWrites(TestNamespace namespace) throws Exception {
        String group = namespace.name() + ".example.com";
        String crd = "widgets." + group;
        try (KubernetesClient agent = AgentClient.of(namespace.cluster().config())) {
            apply(agent, namespace, """
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: %3$s}
                    spec:
                      group: %2$s
                      scope: Namespaced
                      names: {plural: widgets, singular: widget, kind: Widget}
                      versions:
                      - name: v1
                        served: true
                        storage: true
                        subresources: {status: {}}
                        schema:
                          openAPIV3Schema:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
                    ---
                    apiVersion: %2$s/v1
                    kind: Widget
                    metadata: {name: gadget, namespace: %1$s}
                    spec: {size: 3}
                    """.formatted(namespace.name(), group, crd));
            Supplier<Map<String, Object>> widget = () -> live(namespace, group + "/v1", "Widget", "gadget");
            assertThat(HealthCheck.of(widget.get())).isEqualTo(new Health(HealthStatus.HEALTHY, "exists"));

            writeStatus(namespace, group, "Unknown", "Reconciling", 1);
            assertThat(HealthCheck.of(widget.get()).status()).isEqualTo(HealthStatus.PROGRESSING);
            writeStatus(namespace, group, "False", "OutOfGadgets", 1);
            assertThat(HealthCheck.of(widget.get()).status()).isEqualTo(HealthStatus.DEGRADED);
            writeStatus(namespace, group, "True", "Reconciled", 1);
            assertThat(HealthCheck.of(widget.get()).status()).isEqualTo(HealthStatus.HEALTHY);
        } finally {
            namespace.client().apiextensions().v1().customResourceDefinitions().withName(crd).delete();
        }
    }

    /** The status an operator writes: the generation it observed and its Ready condition. */
    private static void writeStatus(TestNamespace namespace, String group, String ready, String reason, long observed) {
        Resource<GenericKubernetesResource> widget = namespace.client().genericKubernetesResources(group + "/v1", "Widget")
                .inNamespace(namespace.name()).withName("gadget");
        GenericKubernetesResource current = widget.get();
        current.setAdditionalProperty("status", Map.of("observedGeneration", observed, "conditions", List.of(Map.of(
                "type", "Ready", "status", ready, "reason", reason, "message", "the operator says " + reason,
                "lastTransitionTime", "2026-12-07T00:00:00Z"))));
        widget.updateStatus(current);
    }

    private static String deployment(TestNamespace namespace, String tag) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: %s}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "registry.example/web:%s"}]}
                """.formatted(namespace.name(), tag);
    }

    /** Renders {@code yaml} as the agent renders a revision's directory and applies it; every object must apply. */
    private ApplyResult apply(KubernetesClient agent, TestNamespace namespace, String yaml) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(temp.resolve("revision-" + ++revisions));
        Files.writeString(directory.resolve("objects.yaml"), yaml);
        RenderResult rendered = new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.KUBECTL).render(directory);
        assertThat(rendered).isInstanceOf(RenderResult.Rendered.class);
        List<ManifestObject> objects = ((RenderResult.Rendered) rendered).objects();
        ApplyResult result = new Applier(agent, ApplierSettings.defaults(namespace.name()))
                .apply(String.valueOf(revisions).repeat(40), objects);
        assertThat(result.errors()).isEmpty();
        return result;
    }

    /** The object of {@code kind} as the server answered the apply. */
    private static Map<String, Object> live(ApplyResult result, String kind) {
        return result.live().entrySet().stream().filter(entry -> entry.getKey().kind().equals(kind))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> live(TestNamespace namespace, String apiVersion, String kind, String name) {
        GenericKubernetesResource object = namespace.client().genericKubernetesResources(apiVersion, kind)
                .inNamespace(namespace.name()).withName(name).get();
        return object == null ? null : Serialization.jsonMapper().convertValue(object, Map.class);
    }

    private static Health await(Supplier<Map<String, Object>> live, HealthStatus expected) throws InterruptedException {
        return await(live, health -> health.status() == expected, WAIT);
    }

    /** Polls the live object until its health meets {@code wanted}; fails naming the last verdict. */
    private static Health await(Supplier<Map<String, Object>> live, Predicate<Health> wanted, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Health health = HealthCheck.of(live.get());
        while (!wanted.test(health)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("after " + limit.toSeconds() + " s still " + health);
            }
            Thread.sleep(200);
            health = HealthCheck.of(live.get());
        }
        return health;
    }
}
