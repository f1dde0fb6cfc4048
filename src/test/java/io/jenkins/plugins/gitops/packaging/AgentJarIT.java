package io.jenkins.plugins.gitops.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs target/gitops-agent.jar as a user would, and checks it carries nothing of Jenkins. */
class AgentJarIT {

    @Test
    void helpListsTheCommandAndExitsZero() throws Exception {
        Run run = java("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: gitops-agent");
    }

    @Test
    void versionPrintsTheBuiltVersion() throws Exception {
        Run run = java("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("gitops-agent " + BuiltArtifacts.property("gitops.version"));
    }

    @Test
    void containsNoJenkinsLayerAndNoMirrorClass() {
        assertThat(BuiltArtifacts.entries(BuiltArtifacts.agentJar()).keySet())
                .noneMatch(name -> name.startsWith("io/jenkins/plugins/gitops/jenkins/"))
                .noneMatch(name -> BuiltArtifacts.JENKINS_PACKAGES.stream().anyMatch(name::startsWith))
                .doesNotContain("index.jelly");
    }

    private record Run(int exitCode, String stdout) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(javaBin.toString(), "-jar",
                BuiltArtifacts.agentJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Run(process.exitValue(), out);
    }
}
