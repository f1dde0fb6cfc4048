package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.testing.cluster.ControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@OnLocalControlPlane
class BenchReconcileOnTheControlPlaneTest {

    @Test
    @Timeout(300)
    void measuresTheApplierBesideKubectlAndTheNoOpReconcileWritesNothing(ControlPlane cluster) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "reconcile", "--kubeconfig", cluster.kubeconfig().toString(),
                    "--resources", "25", "--rounds", "1", "--json");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(figures.path("strategy").asText()).isEqualTo("server-side");
        assertThat(figures.path("noopReconcileRequests").path("writes").asInt()).isZero();
        assertThat(figures.path("noopReconcileRequests").path("LIST deployments").asInt()).isEqualTo(1);
        assertThat(figures.path("kubectlApplyServerSideMillis").path("median").asLong()).isPositive();
        assertThat(figures.path("kubectlDiffServerSideMillis").path("median").asLong()).isPositive();
        assertThat(figures.path("noopReconcileRatio").asDouble()).isPositive();
    }
}
