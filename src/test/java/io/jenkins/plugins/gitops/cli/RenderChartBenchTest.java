package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.testing.HelmTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chart rendering benchmark renders the same objects both ways and prints its figures; no timing is asserted. */
class RenderChartBenchTest {

    @Test
    void printsHelmAndKustomizeMediansAndTheirRatioAsJson() throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exitCode = Main.run("bench", "render-chart", "--apps", "3", "--rounds", "1", "--helm-binary", HelmTools.helm().toString(),
                    "--kustomize-binary", HelmTools.kustomize().toString(), "--json");
        } finally {
            System.setOut(out);
        }

        assertThat(exitCode).isZero();
        JsonNode figures = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(figures.at("/objects").asInt()).isEqualTo(6);
        assertThat(figures.at("/helmTemplateMs/median").asDouble()).isPositive();
        assertThat(figures.at("/kustomizeBuildMs/median").asDouble()).isPositive();
        assertThat(figures.at("/helmToKustomizeRatio").isNumber()).isTrue();
    }
}
