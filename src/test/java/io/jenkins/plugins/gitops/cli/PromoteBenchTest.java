package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The promotion benchmark runs end to end on a small repository and prints its figures; no timing is asserted. */
class PromoteBenchTest {

    @Test
    void printsLatenciesRatiosForOneAndForAWideDirectoryAndConcurrentFiguresAsJson() throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exitCode = Main.run("bench", "promote", "--manifests", "20", "--commits", "50", "--rounds", "1", "--concurrent", "3",
                    "--wide", "6", "--wide-matches", "5", "--json");
        } finally {
            System.setOut(out);
        }

        assertThat(exitCode).isZero();
        JsonNode figures = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(figures.at("/repository/commits").asInt()).isEqualTo(50);
        assertThat(figures.at("/inProcessMs/median").asDouble()).isPositive();
        assertThat(figures.at("/shellPipelineMs/median").asDouble()).isPositive();
        assertThat(figures.at("/inProcessToShellRatio").isNumber()).isTrue();
        assertThat(figures.at("/wide/matches").asInt()).isEqualTo(5);
        assertThat(figures.at("/wide/inProcessMs/median").asDouble()).isPositive();
        assertThat(figures.at("/wide/inProcessToShellRatio").isNumber()).isTrue();
        assertThat(figures.at("/concurrent/landed").asInt()).isEqualTo(3);
        assertThat(figures.at("/concurrent/failures")).isEmpty();
    }
}
