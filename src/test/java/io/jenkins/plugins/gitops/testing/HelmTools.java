package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code helm} the tests render charts with, and a kustomize that can run it for
 * {@code helmCharts}: built once from their Go modules by {@code src/test/helm/helm-tools} into a cache
 * ({@code .ci/run} builds them first). Without Go and without built binaries, a test asking for them
 * is skipped on a developer machine and fails in CI.
 */
public final class HelmTools {

    private static final Path SCRIPT = Path.of("src", "test", "helm", "helm-tools").toAbsolutePath();
    private static Path built;

    private HelmTools() {}

    public static Path helm() {
        return folder().resolve("helm");
    }

    public static Path kustomize() {
        return folder().resolve("kustomize");
    }

    private static synchronized Path folder() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    private static Path build() {
        if (!goAvailable() && run("built").isEmpty()) {
            String reason = "helm and kustomize are built from Go modules and need Go on the PATH (src/test/helm/helm-tools)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(reason + "; CI must provide it (.ci/run builds them first)");
            }
            Assumptions.abort(reason);
        }
        List<String> output = run("build").orElseThrow(() -> new AssertionError("src/test/helm/helm-tools build failed"));
        return Path.of(output.get(output.size() - 1).strip());
    }

    /** The script's standard output lines when it exits 0. */
    private static Optional<List<String>> run(String command) {
        try {
            Path log = Files.createTempFile("helm-tools", ".log");
            try {
                Process process = new ProcessBuilder("bash", SCRIPT.toString(), command)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(log.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(45, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("src/test/helm/helm-tools " + command + " took over 45 minutes");
                }
                return process.exitValue() == 0 ? Optional.of(Files.readAllLines(log, StandardCharsets.UTF_8))
                        : Optional.empty();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean goAvailable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, "go")));
    }
}
