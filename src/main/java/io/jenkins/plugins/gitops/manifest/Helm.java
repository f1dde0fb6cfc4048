package io.jenkins.plugins.gitops.manifest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code helm} binary charts are rendered with (Helm 4, {@code helm template}), configured or
 * found on the PATH.
 *
 * @param binary the executable
 * @param timeout how long one render may take
 */
public record Helm(Path binary, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Helm {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code helm} from the first folder of {@code path} (the PATH variable's value) that has it executable. */
    public static Optional<Helm> onPath(String path) {
        return Stream.of(path == null ? new String[0] : path.split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "helm"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(binary -> new Helm(binary, DEFAULT_TIMEOUT));
    }

    /** The configured binary when there is one, else {@code helm} from this process's PATH. */
    public static Optional<Helm> configuredOrOnPath(Optional<Path> configured) {
        return configured.map(binary -> new Helm(binary, DEFAULT_TIMEOUT)).or(() -> onPath(System.getenv("PATH")));
    }

    /** kustomize with its Helm chart inflation enabled, running this binary for {@code helmCharts:}. */
    public Kustomize enableIn(Kustomize kustomize) {
        List<String> command = new ArrayList<>(kustomize.command());
        command.addAll(List.of("--enable-helm", "--helm-command", binary.toString()));
        return new Kustomize(command, kustomize.timeout());
    }
}
