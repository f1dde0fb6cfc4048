package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.manifest.Helm;
import io.jenkins.plugins.gitops.manifest.HelmChartRenderer;
import io.jenkins.plugins.gitops.manifest.HelmRelease;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.Problem;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code render}: what the agent would apply from a directory, validated whole, or why it would refuse it. */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = {
            "Renders a directory of a config repository (plain YAML/JSON, a kustomization, or a Helm chart with --values) and"
                    + " validates it as a whole.",
            "Prints the objects as a YAML stream (or JSON) and any warnings as 'warning: ...' on stderr; when anything is wrong,",
            "prints every problem as file:line: message on stderr and exits 2."
        })
final class RenderCommand implements Callable<Integer> {

    static final int REFUSED = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to render.")
    private Path directory;

    @Option(names = "--json", description = "Print {\"objects\":[{\"id\",\"source\",\"object\"}]} instead of YAML.")
    private boolean json;

    @Option(names = "--allowed-namespaces", split = ",", paramLabel = "NS", description = "Namespaces objects may be in; any when not given.")
    private List<String> allowedNamespaces = new ArrayList<>();

    @Option(names = "--denied-kinds", split = ",", paramLabel = "KIND", description = "Kinds to refuse, as Kind or group/Kind.")
    private List<String> deniedKinds = new ArrayList<>();

    @Option(names = "--kustomize-binary", paramLabel = "PATH", description = "kustomize binary for kustomizations (default: kubectl kustomize).")
    private String kustomizeBinary;

    @Option(names = "--values", arity = "1..*", paramLabel = "FILE",
            description = "When DIR is a Helm chart: values files after its values.yaml, later ones winning; inside the chart directory,"
                    + " as the agent reads them.")
    private List<Path> values = new ArrayList<>();

    @Option(names = "--release-name", paramLabel = "NAME", defaultValue = "release-name",
            description = "When DIR is a Helm chart: the release name (default release-name, as helm template has it).")
    private String releaseName;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "When DIR is a Helm chart: the release namespace.")
    private String namespace;

    @Option(names = "--helm-binary", paramLabel = "PATH", defaultValue = "${env:GITOPS_HELM_BINARY}",
            description = "[GITOPS_HELM_BINARY] helm (4) binary for charts and kustomizations' helmCharts (default: helm from the PATH).")
    private Path helmBinary;

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        RevisionPolicy policy = new RevisionPolicy(nonBlank(allowedNamespaces), nonBlank(deniedKinds));
        Kustomize kustomize = kustomizeBinary == null ? Kustomize.KUBECTL : Kustomize.binary(kustomizeBinary);
        PrintWriter err = spec.commandLine().getErr();
        List<String> chartValues = new ArrayList<>();
        for (Path file : values) {
            Path chart = directory.toAbsolutePath().normalize();
            Path value = file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(chart.resolve("Chart.yaml")) || !value.startsWith(chart)) {
                err.println("--values " + file + ": " + (Files.isRegularFile(chart.resolve("Chart.yaml"))
                        ? "is not inside the chart directory " + directory + ", where the agent reads values files from"
                        : directory + " is not a Helm chart (it has no Chart.yaml)"));
                err.flush();
                return REFUSED;
            }
            chartValues.add(chart.relativize(value).toString().replace(value.getFileSystem().getSeparator(), "/"));
        }
        HelmChartRenderer helm = new HelmChartRenderer(Helm.configuredOrOnPath(Optional.ofNullable(helmBinary)),
                new HelmRelease(releaseName, namespace, chartValues, Optional.empty()), Optional::empty);
        RenderResult result = new RevisionRenderer(policy, kustomize, helm).render(directory);
        if (result instanceof RenderResult.Refused refused) {
            refused.problems().stream().map(Problem::toString).forEach(err::println);
            err.flush();
            return REFUSED;
        }
        RenderResult.Rendered rendered = (RenderResult.Rendered) result;
        rendered.warnings().forEach(warning -> err.println("warning: " + warning));
        err.flush();
        List<ManifestObject> objects = rendered.objects();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(objects) : yaml(objects));
        out.flush();
        return 0;
    }

    private static Set<String> nonBlank(List<String> values) {
        return values.stream().map(String::strip).filter(value -> !value.isEmpty()).collect(Collectors.toSet());
    }

    private static String json(List<ManifestObject> objects) throws JsonProcessingException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ManifestObject object : objects) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", object.id().toString());
            entry.put("source", object.source().toString());
            entry.put("object", object.content());
            entries.add(entry);
        }
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("objects", entries)) + "\n";
    }

    /** One document per object, each headed by where it came from. */
    private static String yaml(List<ManifestObject> objects) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        Yaml yaml = new Yaml(options);
        StringBuilder text = new StringBuilder();
        for (ManifestObject object : objects) {
            text.append("---\n# Source: ").append(object.source()).append('\n').append(yaml.dump(object.content()));
        }
        return text.toString();
    }
}
