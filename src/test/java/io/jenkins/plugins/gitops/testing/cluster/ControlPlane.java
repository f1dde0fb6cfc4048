package io.jenkins.plugins.gitops.testing.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The local control plane that {@code src/test/cluster/local-cluster up} started under
 * {@code target/local-cluster}: its kubeconfig (cluster-admin), its audit log, clients of its own.
 * Stopped with {@code local-cluster down} when the test JVM's tests are done.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Path SCRIPT = Path.of("src", "test", "cluster", "local-cluster").toAbsolutePath();
    private static final Path DIR = Path.of("target", "local-cluster").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Thread stopAtExit;

    private ControlPlane(Path dir) {
        this.dir = dir;
        this.stopAtExit = new Thread(this::stop, "local-cluster down");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts the control plane, building its binaries if the cache lacks them. Without Go (and without
     * built binaries) the calling tests are skipped on a developer machine and fail in CI.
     */
    static ControlPlane start() {
        if (!goAvailable() && !run(10, "built").success()) {
            String reason = "the local Kubernetes control plane needs Go on the PATH to build it (src/test/cluster/local-cluster)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(reason + "; CI must provide it (.ci/run builds the control plane first)");
            }
            Assumptions.abort(reason);
        }
        run(60, "down", DIR.toString());
        deleteRecursively(DIR);
        Outcome up = run(1800, "up", DIR.toString());
        if (!up.success()) {
            throw new AssertionError("local-cluster up failed: " + up.output().strip());
        }
        return new ControlPlane(DIR);
    }

    public Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    /** A cluster-admin client of its own; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** The cluster-admin configuration the kubeconfig holds. */
    public Config config() {
        try {
            return new ConfigBuilder(Config.fromKubeconfig(null, Files.readString(kubeconfig()), kubeconfig().toString()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The completed requests the audit log holds now that match {@code filter}, oldest first. */
    public List<AuditEvent> audit(Predicate<AuditEvent> filter) {
        List<AuditEvent> events = new ArrayList<>();
        try (Stream<String> lines = Files.lines(auditLog(), StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                try {
                    JsonNode event = JSON.readTree(line);
                    if (!"ResponseComplete".equals(event.path("stage").asText())) {
                        return;
                    }
                    JsonNode object = event.path("objectRef");
                    AuditEvent parsed = new AuditEvent(event.path("verb").asText(), event.path("userAgent").asText(),
                            event.path("user").path("username").asText(), object.path("resource").asText(),
                            object.path("namespace").asText(), object.path("name").asText(),
                            event.path("requestURI").asText(), event.path("responseStatus").path("code").asInt());
                    if (filter.test(parsed)) {
                        events.add(parsed);
                    }
                } catch (IOException e) {
                    // The line being written as the file is read: the next read has it whole.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        stop();
    }

    private void stop() {
        run(60, "down", dir.toString());
    }

    private static boolean goAvailable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, "go")));
    }

    private record Outcome(boolean success, String output) {}

    private static Outcome run(long seconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("local-cluster", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Outcome(false, "local-cluster " + String.join(" ", arguments) + " took over " + seconds + " s");
                }
                return new Outcome(process.exitValue() == 0, Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
