package io.jenkins.plugins.gitops.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the drift watch holds on the local control plane: the objects the agent applied, not the
 * other objects of their kinds (a cluster's Helm release Secrets), which may be many and large.
 */
@OnLocalControlPlane
@Timeout(120)
class WatchedObjectsTest {

    private static final String HELM_RELEASE = "sh.helm.release.v1.shop.v1";

    private WatchedCluster cluster;

    @BeforeEach
    void startCluster(TestNamespace namespace) throws Exception {
        cluster = WatchedCluster.on(namespace);
        namespace.client().secrets().inNamespace(namespace.name()).resource(new SecretBuilder()
                .withNewMetadata().withName(HELM_RELEASE).addToLabels("owner", "helm").endMetadata()
                .withType("helm.sh/release.v1").addToStringData("release", "x".repeat(64 * 1024)).build()).create();
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void unmanagedSecretsOfAWatchedKindAreNeitherCachedNorReadNorSignalled(TestNamespace namespace) throws Exception {
        cluster.apply(WatchedCluster.REVISION, WatchedSecrets.SECRET_IN_GIT);
        Set<ResourceId> signalled = ConcurrentHashMap.newKeySet();
        ResourceId managed = ResourceId.of("v1", "Secret", namespace.name(), "web-credentials");
        ResourceId unmanaged = ResourceId.of("v1", "Secret", namespace.name(), HELM_RELEASE);

        try (LiveObjects live = new LiveObjects(cluster.client, cluster.applier.settings().label(), new LiveObjects.Listener() {
            @Override
            public void changed(ResourceId id) {
                signalled.add(id);
            }

            @Override
            public void autoscalersChanged() {}
        }, Duration.ofSeconds(30))) {
            live.watch(cluster.desired);
            new Kubectl(namespace).run("label", "secret", HELM_RELEASE, "touched=yes");
            new Kubectl(namespace).run("label", "secret", "web-credentials", "touched=yes");
            awaitSignal(signalled, managed);

            assertThat(live.cached(managed)).isNotNull();
            assertThat(live.cached(unmanaged)).isNull();
            assertThat(live.readAll().objects()).containsOnlyKeys(managed);
            assertThat(signalled).containsOnly(managed);
        }
    }

    @Test
    void aManagedObjectWhoseLabelIsRemovedIsLabelledAgainInCorrectMode(TestNamespace namespace) throws Exception {
        cluster.applyAndWatch(WatchedSecrets.SECRET_IN_GIT, WatchSettings.defaults(WatchMode.CORRECT, List.of()));

        new Kubectl(namespace).run("label", "secret", "web-credentials", "gitops.jenkins.io/environment-");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (labels(namespace).get("gitops.jenkins.io/environment") == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(labels(namespace)).containsEntry("gitops.jenkins.io/environment", "default");
    }

    private static Map<String, String> labels(TestNamespace namespace) {
        Map<String, String> labels = namespace.client().secrets().inNamespace(namespace.name()).withName("web-credentials").get()
                .getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static void awaitSignal(Set<ResourceId> signalled, ResourceId id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!signalled.contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
