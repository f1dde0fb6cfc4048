package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DriftBenchTest {

    @Test
    void timesEachLiveChangeToTheVerifiedReportAndPrintsMedianAndP95AsJson() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "drift", "--changes", "3", "--resources", "10", "--json");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(figures.path("bench").asText()).isEqualTo("drift");
        assertThat(figures.path("changes").asInt()).isEqualTo(3);
        JsonNode latency = figures.path("latencyMillis");
        assertThat(latency.path("median").asLong()).isPositive();
        assertThat(latency.path("p95").asLong()).isGreaterThanOrEqualTo(latency.path("median").asLong());
        assertThat(figures.path("reportsReceived").asInt()).as("the first report and one per change").isGreaterThanOrEqualTo(4);
    }

    @Test
    void refusesTooFewResources() {
        assertThat(Main.run("bench", "drift", "--resources", "2")).isEqualTo(2);
    }
}
