package io.jenkins.plugins.gitops.cli;

import static io.jenkins.plugins.gitops.cli.BenchFigures.median;
import static io.jenkins.plugins.gitops.cli.BenchFigures.round;
import static io.jenkins.plugins.gitops.cli.BenchFigures.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.manifest.Helm;
import io.jenkins.plugins.gitops.manifest.HelmChartRenderer;
import io.jenkins.plugins.gitops.manifest.HelmRelease;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What rendering a chart with Helm costs next to kustomize: the same manifests (a Deployment and a
 * Service per app) as a chart's templates and as a kustomization's resources, each rendered whole
 * by the agent's renderer, in alternating rounds so both see the same machine.
 */
@Command(
        name = "render-chart",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the same manifests as a Helm chart and as a kustomization, renders each with the agent's renderer",
            "(helm template, kustomize build) in alternating rounds, and prints the medians and their ratio as JSON."
        })
final class RenderChartBench implements Callable<Integer> {

    @Option(names = "--apps", defaultValue = "50", description = "Apps, a Deployment and a Service each (default ${DEFAULT-VALUE}).")
    int apps;

    @Option(names = "--rounds", defaultValue = "15", description = "Rounds of each render (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--helm-binary", paramLabel = "PATH", defaultValue = "${env:GITOPS_HELM_BINARY}",
            description = "[GITOPS_HELM_BINARY] helm binary (default: helm from the PATH).")
    Path helmBinary;

    @Option(names = "--kustomize-binary", paramLabel = "PATH", description = "kustomize binary (default: kubectl kustomize).")
    String kustomizeBinary;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for the common bench interface).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Optional<Helm> helm = Helm.configuredOrOnPath(Optional.ofNullable(helmBinary));
        if (helm.isEmpty() || apps < 1 || rounds < 1) {
            System.err.println(helm.isEmpty() ? "bench render-chart: Helm is not available: put helm on the PATH or name it with --helm-binary"
                    : "bench render-chart: --apps and --rounds must be at least 1");
            return 2;
        }
        Kustomize kustomize = kustomizeBinary == null ? Kustomize.KUBECTL : Kustomize.binary(kustomizeBinary);
        RevisionRenderer renderer = new RevisionRenderer(RevisionPolicy.OPEN, kustomize,
                new HelmChartRenderer(helm, new HelmRelease("bench", "bench", List.of(), Optional.empty()), Optional::empty));
        Path scratch = Files.createTempDirectory("gitops-bench-render");
        try {
            Path chart = write(scratch.resolve("chart"), "templates/");
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 0.1.0\n");
            Path kustomization = write(scratch.resolve("kustomization"), "");
            Files.writeString(kustomization.resolve("kustomization.yaml"), "resources:\n" + IntStream.range(0, apps)
                    .mapToObj(app -> "- app-" + app + ".yaml\n").collect(Collectors.joining()));

            List<ResourceId> fromChart = ids(render(renderer, chart));
            List<ResourceId> fromKustomize = ids(render(renderer, kustomization));
            if (!fromChart.equals(fromKustomize) || fromChart.size() != 2 * apps) {
                throw new IllegalStateException("the chart and the kustomization rendered different objects");
            }
            List<Double> helmMillis = new ArrayList<>();
            List<Double> kustomizeMillis = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                render(renderer, chart);
                helmMillis.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                render(renderer, kustomization);
                kustomizeMillis.add((System.nanoTime() - start) / 1e6);
            }
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("bench", "render-chart");
            output.put("objects", fromChart.size());
            output.put("rounds", rounds);
            output.put("helmTemplateMs", summary(helmMillis));
            output.put("kustomizeBuildMs", summary(kustomizeMillis));
            output.put("helmToKustomizeRatio", round(median(helmMillis) / median(kustomizeMillis)));
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(output));
            return 0;
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The apps' manifests under {@code root}, in {@code folder}; plain YAML that helm and kustomize both pass through. */
    private Path write(Path root, String folder) throws IOException {
        Files.createDirectories(root.resolve(folder));
        for (int app = 0; app < apps; app++) {
            Files.writeString(root.resolve(folder + "app-" + app + ".yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: app-%1$d
                      namespace: bench
                      labels: {app: app-%1$d}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: app-%1$d}}
                      template:
                        metadata: {labels: {app: app-%1$d}}
                        spec:
                          containers:
                          - name: app
                            image: registry.example.com/bench/app-%1$d:1.0.0
                            ports: [{containerPort: 8080}]
                            resources: {requests: {cpu: 10m, memory: 32Mi}}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: app-%1$d
                      namespace: bench
                    spec:
                      selector: {app: app-%1$d}
                      ports: [{port: 80, targetPort: 8080}]
                    """.formatted(app));
        }
        return root;
    }

    private static List<ManifestObject> render(RevisionRenderer renderer, Path directory) throws InterruptedException {
        RenderResult result = renderer.render(directory);
        if (result instanceof RenderResult.Refused refused) {
            throw new IllegalStateException("refused: " + refused.problems());
        }
        return ((RenderResult.Rendered) result).objects();
    }

    private static List<ResourceId> ids(List<ManifestObject> objects) {
        return objects.stream().map(ManifestObject::id).sorted(Comparator.comparing(ResourceId::toString)).toList();
    }
}
