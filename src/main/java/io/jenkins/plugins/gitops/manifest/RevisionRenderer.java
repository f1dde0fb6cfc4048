package io.jenkins.plugins.gitops.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a directory of a config repository revision into its desired objects, validated as a whole:
 * a revision is applied whole or not at all, so any problem refuses all of it.
 *
 * <p>A directory with {@code Chart.yaml} at its top is a Helm chart, rendered by {@link HelmChartRenderer}.
 * A directory with a kustomization at its top ({@code kustomization.yaml}, {@code kustomization.yml}
 * or {@code Kustomization}) is built with kustomize; any other is read as plain YAML and JSON files
 * (see {@link ManifestFiles}), its sub-directories that hold a kustomization each built with kustomize,
 * as Flux does. Objects built by kustomize have the kustomization file as their source, without a line. Fields the server owns, as objects exported from a cluster carry them, are left out
 * with a warning ({@link ServerOwnedFields}).
 */
public final class RevisionRenderer {

    /** The file names kustomize looks for, in its order. */
    public static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** Manifests one revision may hold, read or built; a few times what large platform repositories have. */
    public static final int MAX_REVISION_BYTES = 32 * 1024 * 1024;

    private final RevisionPolicy policy;
    private final Kustomize kustomize;
    private final HelmChartRenderer helm;

    public RevisionRenderer(RevisionPolicy policy, Kustomize kustomize) {
        this(policy, kustomize, HelmChartRenderer.UNAVAILABLE);
    }

    /** Renders charts, and kustomizations' {@code helmCharts:}, with {@code helm}'s Helm and release. */
    public RevisionRenderer(RevisionPolicy policy, Kustomize kustomize, HelmChartRenderer helm) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.helm = Objects.requireNonNull(helm, "helm");
        this.kustomize = helm.kustomize(Objects.requireNonNull(kustomize, "kustomize"));
    }

    /**
     * Renders and validates every object under {@code directory}.
     *
     * @throws InterruptedException when interrupted while kustomize runs
     */
    public RenderResult render(Path directory) throws InterruptedException {
        if (!Files.isDirectory(directory)) {
            return new RenderResult.Refused(List.of(new Problem(SourceLocation.REVISION, Files.exists(directory)
                    ? directory + " is a file, not a directory"
                    : "no directory " + directory)));
        }
        List<YamlDocument> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Optional<String> kustomization = KUSTOMIZATION_FILES.stream()
                .filter(name -> Files.isRegularFile(directory.resolve(name)))
                .findFirst();
        Optional<Problem> needsHelm = kustomization.flatMap(file -> helm.missingHelmFor(directory, file));
        if (HelmChartRenderer.isChart(directory)) {
            helm.render(directory, documents, problems);
        } else if (needsHelm.isPresent()) {
            problems.add(needsHelm.get());
        } else if (kustomization.isPresent()) {
            build(directory, kustomization.get(), documents, problems);
        } else {
            read(directory, documents, problems);
        }
        List<ManifestObject> objects = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (YamlDocument document : documents) {
            ObjectReader.Read read = ObjectReader.read(document);
            for (ManifestObject object : read.objects()) {
                ServerOwnedFields.Stripped stripped = ServerOwnedFields.strip(object);
                objects.add(stripped.object());
                stripped.warning().ifPresent(warnings::add);
            }
            problems.addAll(read.problems());
            warnings.addAll(read.warnings());
        }
        ClusterScope.Normalised normalised = ClusterScope.normalise(objects);
        warnings.addAll(normalised.warnings());
        problems.addAll(RevisionValidator.validate(normalised.objects(), policy));
        if (!problems.isEmpty()) {
            problems.sort(Problem.BY_PLACE);
            return new RenderResult.Refused(problems);
        }
        if (normalised.objects().isEmpty()) {
            warnings.add(new Problem(SourceLocation.REVISION, "renders no objects: only *.yaml, *.yml and *.json files"
                    + " and kustomizations are read (is this the right directory?)"));
        }
        return new RenderResult.Rendered(normalised.objects(), warnings);
    }

    private void read(Path directory, List<YamlDocument> documents, List<Problem> problems) throws InterruptedException {
        ManifestFiles.Listing listing;
        try {
            listing = ManifestFiles.list(directory);
        } catch (IOException e) {
            problems.add(new Problem(new SourceLocation(directory.toString(), 0), "cannot be listed (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        problems.addAll(listing.problems());
        for (ManifestFiles.ManifestFile file : listing.files()) {
            SafeYaml.Parsed parsed = SafeYaml.read(file.path(), file.text());
            documents.addAll(parsed.documents());
            problems.addAll(parsed.problems());
        }
        for (String kustomization : listing.kustomizations()) {
            Path file = directory.resolve(kustomization);
            build(file.getParent(), kustomization, documents, problems);
        }
    }

    /** kustomize's output has lines of its own, meaningless to a person: its objects point at the kustomization. */
    private void build(Path directory, String kustomization, List<YamlDocument> documents, List<Problem> problems)
            throws InterruptedException {
        SourceLocation origin = new SourceLocation(kustomization, 0);
        String output;
        try {
            output = kustomize.build(directory);
        } catch (Kustomize.Failure e) {
            problems.add(new Problem(origin, e.getMessage()));
            return;
        }
        SafeYaml.Parsed parsed = SafeYaml.read(kustomization, output);
        parsed.documents().forEach(document -> documents.add(new YamlDocument(origin, document.root())));
        parsed.problems().forEach(problem -> problems.add(new Problem(origin, "in kustomize output: " + problem.message())));
    }
}
