package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchReconcileCommandTest {

    @Test
    void printsTimesAndShowsANoOpReconcileSendsNoWritesAndOneListPerKind() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "reconcile", "--resources", "25", "--rounds", "1", "--json");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(figures.path("resources").asInt()).isEqualTo(25);
        assertThat(figures.path("coldApplyMillis").path("median").isNumber()).isTrue();
        assertThat(figures.path("noopReconcileMillis").path("median").isNumber()).isTrue();
        JsonNode requests = figures.path("noopReconcileRequests");
        assertThat(requests.path("writes").asInt()).isZero();
        assertThat(requests.path("other reads").asInt()).as("the inventory").isEqualTo(1);
        for (String plural : new String[] {"configmaps", "secrets", "serviceaccounts", "services", "deployments"}) {
            assertThat(requests.path("LIST " + plural).asInt()).as(plural).isEqualTo(1);
        }
    }
}
