package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.testing.HelmTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} of a Helm chart: with real Helm and the values files given, or saying Helm is not there. */
class RenderChartCommandTest {

    @TempDir
    Path dir;

    private Path chart() throws IOException {
        Path chart = Files.createDirectories(dir.resolve("web/templates"));
        Files.writeString(dir.resolve("web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("web/values.yaml"), "color: blue\nsize: small\n");
        Files.writeString(dir.resolve("web/values-staging.yaml"), "color: green\n");
        Files.writeString(dir.resolve("web/values-canary.yaml"), "color: yellow\nsize: large\n");
        Files.writeString(chart.resolve("config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-config
                  namespace: {{ .Release.Namespace }}
                data:
                  color: {{ .Values.color }}
                  size: {{ .Values.size }}
                """);
        return chart.getParent();
    }

    @Test
    void rendersAChartWithItsValuesFilesInTheOrderGiven() throws IOException {
        Path chart = chart();

        CliRun run = run("render", "--dir", chart.toString(), "--values", chart.resolve("values-canary.yaml").toString(),
                chart.resolve("values-staging.yaml").toString(), "--release-name", "shop", "--namespace", "staging",
                "--helm-binary", HelmTools.helm().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                ---
                # Source: templates/config.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-config
                  namespace: staging
                data:
                  color: green
                  size: large
                """);
    }

    @Test
    void refusesValuesFromOutsideTheChart() throws IOException {
        Path chart = chart();
        Path elsewhere = Files.writeString(dir.resolve("values-prod.yaml"), "color: red\n");

        CliRun run = run("render", "--dir", chart.toString(), "--values", elsewhere.toString(), "--helm-binary", HelmTools.helm().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--values " + elsewhere + ": is not inside the chart directory " + chart
                + ", where the agent reads values files from\n");
    }

    @Test
    void saysPlainlyThatHelmIsNotAvailableWhenThePathHasNone() throws Exception {
        Path chart = chart();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "render", "--dir", chart.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", Files.createDirectories(dir.resolve("empty-path")).toString());
        builder.environment().remove("GITOPS_HELM_BINARY");
        Process process = builder.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err"))).isEqualTo("Chart.yaml: is a Helm chart, and Helm is not available: put helm"
                + " on the PATH or name it with --helm-binary (GITOPS_HELM_BINARY)\n");
    }

    private static CliRun run(String... args) {
        return CliRun.main(args);
    }
}
