package io.jenkins.plugins.gitops.cli;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Objects the agent does not manage, of the kinds it does, as a cluster holds them beside it: every
 * fifth a Secret the size of a Helm release ({@value #RELEASE_BYTES} bytes of release data, type
 * {@code helm.sh/release.v1}), the others small ConfigMaps. Created with parallel requests.
 */
final class UnmanagedObjects {

    static final int RELEASE_BYTES = 32 * 1024;
    private static final int PARALLEL_REQUESTS = 16;

    private UnmanagedObjects() {}

    /** Creates {@code count} objects spread over {@code namespaces}; returns the bytes of data they hold. */
    static long create(KubernetesClient admin, List<String> namespaces, int count) throws InterruptedException {
        byte[] release = new byte[RELEASE_BYTES];
        new Random(42).nextBytes(release);
        String releaseData = Base64.getEncoder().encodeToString(release);
        String configValue = "x".repeat(1024);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
        try {
            List<Future<?>> created = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                String namespace = namespaces.get(i % namespaces.size());
                HasMetadata object = i % 5 == 0
                        ? new SecretBuilder().withNewMetadata().withName("sh.helm.release.v1.release-" + i + ".v1")
                                .withNamespace(namespace).addToLabels("owner", "helm").addToLabels("status", "deployed").endMetadata()
                                .withType("helm.sh/release.v1").addToData("release", releaseData).build()
                        : new ConfigMapBuilder().withNewMetadata().withName("unmanaged-" + i).withNamespace(namespace).endMetadata()
                                .addToData("value", configValue).build();
                bytes += i % 5 == 0 ? RELEASE_BYTES : configValue.length();
                created.add(pool.submit(() -> admin.resource(object).create()));
            }
            for (Future<?> each : created) {
                each.get();
            }
            return bytes;
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating unmanaged objects failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
