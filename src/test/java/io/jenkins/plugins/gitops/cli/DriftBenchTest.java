package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench drift} on the in-process mock server, as run without {@code --kubeconfig}. */
class DriftBenchTest {

    @Test
    void timesEachLiveChangeToTheVerifiedReportAndPrintsMedianAndP95AsJson() throws Exception {
        JsonNode figures = run("bench", "drift", "--changes", "3", "--resources", "10", "--json");

        assertThat(figures.path("bench").asText()).isEqualTo("drift");
        assertThat(figures.path("changes").asInt()).isEqualTo(3);
        JsonNode latency = figures.path("latencyMillis");
        assertThat(latency.path("median").asLong()).isPositive();
        assertThat(latency.path("p95").asLong()).isGreaterThanOrEqualTo(latency.path("median").asLong());
        assertThat(figures.path("reportsReceived").asInt()).as("the first report and one per change").isGreaterThanOrEqualTo(4);
    }

    @Test
    void inCorrectModeTimesEachChangeToTheReportRecordingItsCorrection() throws Exception {
        JsonNode figures = run("bench", "drift", "--mode", "correct", "--changes", "3", "--resources", "10", "--json");

        assertThat(figures.path("mode").asText()).isEqualTo("correct");
        assertThat(figures.path("latencyMillis").path("median").asLong()).isPositive();
    }

    @Test
    void refusesTooFewResourcesAnUnknownModeAndAnUnreadableKubeconfig() {
        assertThat(Main.run("bench", "drift", "--resources", "2")).isEqualTo(2);
        assertThat(Main.run("bench", "drift", "--mode", "heal")).isEqualTo(2);
        assertThat(Main.run("bench", "drift", "--kubeconfig", "no-such-kubeconfig.yaml")).isEqualTo(2);
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
