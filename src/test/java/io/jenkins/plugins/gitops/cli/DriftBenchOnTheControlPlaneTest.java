package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.testing.cluster.ControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code bench drift --kubeconfig}: the same measurement on a real API server, which it leaves as it found it. */
@OnLocalControlPlane
@Timeout(300)
class DriftBenchOnTheControlPlaneTest {

    @Test
    void timesLiveChangesOnTheApiServerOfTheKubeconfigApplyingServerSideAndDeletesItsNamespaces(ControlPlane cluster)
            throws Exception {
        JsonNode figures = run("bench", "drift", "--mode", "correct", "--changes", "3", "--resources", "10",
                "--kubeconfig", cluster.kubeconfig().toString(), "--json");

        assertThat(figures.path("apiServer").asText()).startsWith("kube-apiserver v1.37.2");
        assertThat(figures.path("applyStrategy").asText()).isEqualTo("server-side");
        JsonNode latency = figures.path("latencyMillis");
        assertThat(latency.path("median").asLong()).isPositive();
        assertThat(latency.path("p95").asLong()).isGreaterThanOrEqualTo(latency.path("median").asLong());
        try (KubernetesClient client = cluster.newClient()) {
            assertThat(client.namespaces().withName("bench-0")
                    .waitUntilCondition(namespace -> namespace == null, 2, TimeUnit.MINUTES)).isNull();
        }
    }

    private static JsonNode run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
