package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Changes to fields the API server keeps immutable fail naming the fields, or replace the object when it asks for that. */
@OnLocalControlPlane
@Timeout(180)
class ImmutableFieldsTest {

    private static final String REPLACE = "  annotations: {gitops.jenkins.io/replace: enabled}\n";

    @Test
    void aJobWhoseImageChangesFailsNamingSpecTemplateAndNothingLaterIsAppliedOrPruned(TestNamespace namespace) {
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config())) {
            Applier applier = new Applier(client, ApplierSettings.defaults(namespace.name()));
            assertThat(applier.apply("r1", objects(namespace, job("migrate:1", "") + "---\n" + configMap("old"))).succeeded()).isTrue();

            ApplyResult result = applier.apply("r2", objects(namespace, job("migrate:2", "") + "---\n" + configMap("settings")));

            assertThat(result.errors()).containsExactly("batch/Job/" + namespace.name() + "/migrate: cannot change immutable field"
                    + " spec.template (422 Invalid); annotate it gitops.jenkins.io/replace: enabled to have it deleted and created again");
            assertThat(result.outcomes()).extracting(outcome -> outcome.id().name(), Outcome::action)
                    .containsExactly(tuple("settings", Action.CREATED), tuple("migrate", Action.FAILED));
            assertThat(image(namespace.client().batch().v1().jobs().inNamespace(namespace.name()).withName("migrate").get()))
                    .isEqualTo("registry.example/migrate:1");
            assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("old").get())
                    .as("not pruned after a failure").isNotNull();
        }
    }

    @Test
    void aJobAnnotatedReplaceIsDeletedAndCreatedAgainAndTheNewJobCompletes(TestNamespace namespace) {
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config())) {
            Applier applier = new Applier(client, ApplierSettings.defaults(namespace.name()));
            applier.apply("r1", objects(namespace, job("migrate:1", REPLACE)));
            String firstUid = completed(namespace).getMetadata().getUid();

            ApplyResult result = applier.apply("r2", objects(namespace, job("migrate:2", REPLACE)));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
                assertThat(outcome.action()).isEqualTo(Action.REPLACED);
                assertThat(outcome).hasToString("batch/Job/" + namespace.name()
                        + "/migrate: deleted and created again: immutable field spec.template changed");
            });
            Job second = completed(namespace);
            assertThat(second.getMetadata().getUid()).isNotEqualTo(firstUid);
            assertThat(image(second)).isEqualTo("registry.example/migrate:2");
            assertThat(applier.apply("r2", objects(namespace, job("migrate:2", REPLACE))).outcomes())
                    .extracting(Outcome::action).containsExactly(Action.UNCHANGED);
        }
    }

    @Test
    void aServiceWhoseClusterIpChangesFailsNamingItUntilAnnotatedThenGetsTheNewAddress(TestNamespace namespace) {
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config())) {
            Applier applier = new Applier(client, ApplierSettings.defaults(namespace.name()));
            applier.apply("r1", objects(namespace, service("10.96.10.10", "") + "---\n" + configMap("old")));

            ApplyResult refused = applier.apply("r2", objects(namespace, service("10.96.10.11", "") + "---\n" + deployment()));

            assertThat(refused.errors()).containsExactly("Service/" + namespace.name() + "/web: cannot change immutable field"
                    + " spec.clusterIPs[0] (422 Invalid); annotate it gitops.jenkins.io/replace: enabled to have it deleted and created again");
            assertThat(refused.outcomes()).extracting(outcome -> outcome.id().kind(), Outcome::action)
                    .containsExactly(tuple("Service", Action.FAILED), tuple("Deployment", Action.NOT_APPLIED));
            assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("old").get()).isNotNull();

            ApplyResult replaced = applier.apply("r3", objects(namespace, service("10.96.10.11", REPLACE) + "---\n" + deployment()));

            assertThat(replaced.errors()).isEmpty();
            assertThat(replaced.outcomes()).extracting(outcome -> outcome.id().kind(), Outcome::action).containsExactly(
                    tuple("Service", Action.REPLACED), tuple("Deployment", Action.CREATED), tuple("ConfigMap", Action.PRUNED));
            Service web = namespace.client().services().inNamespace(namespace.name()).withName("web").get();
            assertThat(web.getSpec().getClusterIP()).isEqualTo("10.96.10.11");
        }
    }

    @Test
    void aReplaceHeldUpByAFinalizerFailsAfterTheBoundNamingItAndCompletesOnceItIsGone(TestNamespace namespace) {
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config())) {
            Applier applier = new Applier(client, ApplierSettings.defaults(namespace.name()).withReplaceTimeout(Duration.ofSeconds(1)));
            applier.apply("r1", objects(namespace, service("10.96.10.20", REPLACE)));
            Kubectl kubectl = new Kubectl(namespace);
            kubectl.run("patch", "service", "web", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");

            ApplyResult held = applier.apply("r2", objects(namespace, service("10.96.10.21", REPLACE)));

            assertThat(held.errors()).singleElement().asString()
                    .startsWith("Service/" + namespace.name() + "/web: deleted to replace it (immutable field spec.clusterIPs[0] changed),"
                            + " but still there after 1s, held by finalizers ")
                    .contains("example.com/hold");

            kubectl.run("patch", "service", "web", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
            namespace.client().services().inNamespace(namespace.name()).withName("web").waitUntilCondition(s -> s == null, 30, TimeUnit.SECONDS);
            ApplyResult retried = applier.apply("r2", objects(namespace, service("10.96.10.21", REPLACE)));

            assertThat(retried.outcomes()).extracting(Outcome::action).containsExactly(Action.CREATED);
            assertThat(namespace.client().services().inNamespace(namespace.name()).withName("web").get().getSpec().getClusterIP())
                    .isEqualTo("10.96.10.21");
        }
    }

    private static Job completed(TestNamespace namespace) {
        return namespace.client().batch().v1().jobs().inNamespace(namespace.name()).withName("migrate")
                .waitUntilCondition(job -> job != null && job.getStatus() != null && job.getStatus().getConditions().stream()
                        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())), 60, TimeUnit.SECONDS);
    }

    private static String image(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static List<ManifestObject> objects(TestNamespace namespace, String yaml) {
        return Manifests.parse("app.yaml", yaml.replace("NAMESPACE", namespace.name()));
    }

    private static String job(String image, String annotations) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  namespace: NAMESPACE
                %s\
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: registry.example/%s}]
                """.formatted(annotations, image);
    }

    private static String service(String clusterIp, String annotations) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: NAMESPACE
                %s\
                spec:
                  clusterIP: %s
                  selector: {app: web}
                  ports: [{port: 80}]
                """.formatted(annotations, clusterIp);
    }

    private static String deployment() {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: NAMESPACE
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: registry.example/web:1}]}
                """;
    }

    private static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: NAMESPACE
                data: {key: value}
                """.formatted(name);
    }
}
