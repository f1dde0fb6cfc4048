package io.jenkins.plugins.gitops.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Helm chart of the repository (a directory with {@code Chart.yaml}) with real Helm,
 * {@code helm template}, as {@code helm install} would render it on the cluster: the environment's
 * values files and overrides, its release name and namespace, and the Kubernetes version and API
 * versions the cluster reports. CRDs of the chart's {@code crds/} are included, its tests are not.
 * Each object names the template it came from ({@code templates/deployment.yaml}, from helm's
 * {@code # Source:} lines), so validation problems point where a person can fix them.
 *
 * <p>Also enables kustomize's {@code helmCharts:} when Helm is there, and says plainly that it is not
 * when a kustomization asks for it.
 */
public final class HelmChartRenderer {

    /** For a renderer without Helm: charts and {@code helmCharts:} are refused, saying so. */
    public static final HelmChartRenderer UNAVAILABLE =
            new HelmChartRenderer(Optional.empty(), HelmRelease.DEFAULT, Optional::empty);

    static final String CHART_FILE = "Chart.yaml";

    /** helm's own prefix on every error it prints. */
    private static final Pattern ERROR_PREFIX = Pattern.compile("^Error: ");
    /**
     * The first template helm's error names, by the chart's name, then its path in the chart, then its
     * line when it has one: {@code web/templates/cm.yaml:6:53}, {@code at (web/charts/db/templates/s.yaml:6:10)}.
     */
    private static final Pattern TEMPLATE_PLACE =
            Pattern.compile("(?:^|[\\s(])[^/\\s()]+/((?:charts/[^/\\s()]+/)*templates/[^:\\s()]+)(?::(\\d+))?");
    private static final Pattern DEBUG_ADVICE = Pattern.compile("^Use --debug flag .*");
    private static final Pattern SOURCE_LINE = Pattern.compile("^# Source: [^/\\s]+/(\\S+)\\s*$");
    private static final Pattern HELM_CHARTS_KEY = Pattern.compile("(?m)^helmCharts\\s*:");

    private final Optional<Helm> helm;
    private final HelmRelease release;
    private final Supplier<Optional<ClusterCapabilities>> capabilities;

    /**
     * @param capabilities asked once per render: the cluster's, or empty to let helm use its defaults
     *     (a command line without a cluster)
     */
    public HelmChartRenderer(Optional<Helm> helm, HelmRelease release, Supplier<Optional<ClusterCapabilities>> capabilities) {
        this.helm = Objects.requireNonNull(helm, "helm");
        this.release = Objects.requireNonNull(release, "release");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    public Optional<Helm> helm() {
        return helm;
    }

    static boolean isChart(Path directory) {
        return Files.isRegularFile(directory.resolve(CHART_FILE));
    }

    /** {@code kustomize} with {@code --enable-helm} when Helm is there, else as it is. */
    Kustomize kustomize(Kustomize kustomize) {
        return helm.map(binary -> binary.enableIn(kustomize)).orElse(kustomize);
    }

    /** Why {@code kustomization} cannot be built here: it inflates charts, and there is no Helm. */
    Optional<Problem> missingHelmFor(Path directory, String kustomization) {
        if (helm.isPresent()) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(directory.resolve(kustomization), StandardCharsets.UTF_8);
            if (!HELM_CHARTS_KEY.matcher(text).find()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // kustomize reads it next and says what is wrong with it
        }
        return Optional.of(new Problem(new SourceLocation(kustomization, 0), "helmCharts need Helm, which is not available: "
                + NO_HELM_HINT));
    }

    static final String NO_HELM_HINT = "put helm on the PATH or name it with --helm-binary (GITOPS_HELM_BINARY)";

    /** Renders the chart in {@code directory}, adding its documents, or the reasons it cannot be rendered. */
    void render(Path directory, List<YamlDocument> documents, List<Problem> problems) throws InterruptedException {
        SourceLocation chart = new SourceLocation(CHART_FILE, 0);
        if (helm.isEmpty()) {
            problems.add(new Problem(chart, "is a Helm chart, and Helm is not available: " + NO_HELM_HINT));
            return;
        }
        Optional<ClusterCapabilities> cluster;
        try {
            cluster = capabilities.get();
        } catch (RuntimeException e) {
            // Rendered with helm's defaults instead, a chart could pick other objects than on the cluster.
            problems.add(new Problem(chart, "the cluster's Kubernetes and API versions the chart renders with could not be read: "
                    + e.getMessage()));
            return;
        }
        List<String> argv = new ArrayList<>();
        int before = problems.size();
        arguments(directory, cluster, argv, problems);
        if (problems.size() > before) {
            return;
        }
        BoundedCommand.Outcome outcome;
        try {
            outcome = BoundedCommand.run(argv, "helm", "helm template", helm.get().timeout(), RevisionRenderer.MAX_REVISION_BYTES);
        } catch (BoundedCommand.Failure e) {
            problems.add(new Problem(chart, e.getMessage()));
            return;
        }
        if (outcome.exitCode() != 0) {
            problems.add(failure(outcome.stderr(), directory.toAbsolutePath().normalize(), outcome.exitCode()));
            return;
        }
        if (outcome.stdoutTruncated()) {
            problems.add(new Problem(chart, "helm template wrote more than the " + RevisionRenderer.MAX_REVISION_BYTES / (1024 * 1024)
                    + " MiB of manifests a revision may have"));
            return;
        }
        read(outcome.stdout(), cluster, documents, problems);
    }

    private void arguments(Path directory, Optional<ClusterCapabilities> cluster, List<String> argv, List<Problem> problems) {
        Path root = directory.toAbsolutePath().normalize();
        argv.addAll(List.of(helm.get().binary().toString(), "template", release.name(), root.toString(),
                "--include-crds", "--skip-tests"));
        if (!release.namespace().isEmpty()) {
            argv.addAll(List.of("--namespace", release.namespace()));
        }
        for (String values : release.valuesFiles()) {
            chartFile(root, values).ifPresentOrElse(file -> argv.addAll(List.of("--values", file.toString())),
                    () -> problems.add(missing(root, values, "values file")));
        }
        release.setFile().ifPresent(name -> chartFile(root, name).ifPresentOrElse(
                file -> overrides(name, file, argv, problems), () -> problems.add(missing(root, name, "override file"))));
        cluster.ifPresent(versions -> {
            argv.addAll(List.of("--kube-version", versions.kubeVersion()));
            if (!versions.apiVersions().isEmpty()) {
                argv.addAll(List.of("--api-versions", String.join(",", versions.apiVersions())));
            }
        });
    }

    /** A file the environment names, when it is a regular file inside the chart. */
    private static Optional<Path> chartFile(Path root, String name) {
        Path file = root.resolve(name).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static Problem missing(Path root, String name, String what) {
        boolean outside = !root.resolve(name).normalize().startsWith(root);
        return new Problem(new SourceLocation(name, 0), outside
                ? "the " + what + " is outside the chart directory; name it relative to the chart, inside it"
                : "the " + what + " the environment names is not a file in the chart directory");
    }

    /** Each {@code path=value} line of the override file becomes one {@code --set}; comments and blank lines are skipped. */
    private static void overrides(String name, Path file, List<String> argv, List<Problem> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(new SourceLocation(name, 0), "cannot be read (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf('=') <= 0) {
                problems.add(new Problem(new SourceLocation(name, i + 1), "is not an override of the form path=value"));
                continue;
            }
            argv.addAll(List.of("--set", line));
        }
    }

    /**
     * helm's error, whole and as one line (helm 4 puts the cause on lines of its own), without its
     * {@code Error:} prefix, its advice to use {@code --debug} (a flag of helm's, not of the agent's) or
     * this machine's path to the checkout; placed at the template and line it names, else at {@code Chart.yaml}.
     */
    static Problem failure(String stderr, Path directory, int exitCode) {
        List<String> lines = stderr.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !DEBUG_ADVICE.matcher(line).matches())
                .toList();
        if (lines.isEmpty()) {
            return new Problem(new SourceLocation(CHART_FILE, 0), "helm template failed with exit code " + exitCode);
        }
        String message = ERROR_PREFIX.matcher(String.join(" ", lines)).replaceFirst("")
                .replace(directory + "/", "").replace(directory.toString(), ".");
        Matcher place = TEMPLATE_PLACE.matcher(message);
        SourceLocation where = !place.find() ? new SourceLocation(CHART_FILE, 0)
                : new SourceLocation(place.group(1), place.group(2) == null ? 0 : Integer.parseInt(place.group(2)));
        return new Problem(where, "helm template failed: " + message);
    }

    /**
     * The documents of helm's output, each placed at the template its {@code # Source:} line names, and
     * given the release namespace when the cluster serves its kind as namespaced and it names none.
     */
    private void read(String output, Optional<ClusterCapabilities> cluster, List<YamlDocument> documents, List<Problem> problems) {
        TreeMap<Integer, String> sources = new TreeMap<>();
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher source = SOURCE_LINE.matcher(lines.get(i));
            if (source.matches()) {
                sources.put(i + 1, source.group(1));
            }
        }
        SafeYaml.Parsed parsed = SafeYaml.read(CHART_FILE, output);
        for (YamlDocument document : parsed.documents()) {
            Map.Entry<Integer, String> source = sources.floorEntry(document.source().line());
            YamlValue root = cluster.isPresent() && !release.namespace().isEmpty()
                    ? inReleaseNamespace(document.root(), cluster.get())
                    : document.root();
            documents.add(new YamlDocument(new SourceLocation(source == null ? CHART_FILE : source.getValue(), 0), root));
        }
        parsed.problems().forEach(problem -> problems.add(new Problem(new SourceLocation(CHART_FILE, 0),
                "in helm template output: " + problem.message())));
    }

    private YamlValue inReleaseNamespace(YamlValue root, ClusterCapabilities cluster) {
        if (!(root instanceof YamlValue.Mapping object)
                || !(object.get("apiVersion") instanceof YamlValue.Scalar apiVersion && apiVersion.value() instanceof String version)
                || !(object.get("kind") instanceof YamlValue.Scalar kind && kind.value() instanceof String kindName)
                || !(object.get("metadata") instanceof YamlValue.Mapping metadata)
                || metadata.get("namespace") != null
                || !cluster.namespaced(version, kindName)) {
            return root;
        }
        Map<String, YamlValue> named = new LinkedHashMap<>(metadata.entries());
        named.put("namespace", new YamlValue.Scalar(release.namespace(), metadata.line()));
        Map<String, YamlValue> entries = new LinkedHashMap<>(object.entries());
        entries.put("metadata", new YamlValue.Mapping(Collections.unmodifiableMap(named), metadata.line()));
        return new YamlValue.Mapping(Collections.unmodifiableMap(entries), object.line());
    }
}
