package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as deployed: {@code agent} in a JVM of its own, on the test's namespace of the local
 * control plane, its output in a log file. Closing it stops it as a signal would (a graceful stop).
 */
record AgentProcess(Process process, Path log) implements AutoCloseable {

    /** Starts an agent with the control plane's kubeconfig, the namespace, a work directory under {@code dir}, and {@code flags}. */
    static AgentProcess start(TestNamespace namespace, Path dir, String... flags) throws IOException {
        Path work = Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(),
                "--work-dir=" + work.resolve("work"), "--http-port=0", "--interval=1s"));
        command.addAll(List.of(flags));
        Path log = work.resolve("agent.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AgentProcess(process, log);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
