package io.jenkins.plugins.gitops.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.diff.ClusterDiff;
import io.jenkins.plugins.gitops.agent.diff.DiffException;
import io.jenkins.plugins.gitops.agent.diff.DiffResult;
import io.jenkins.plugins.gitops.agent.diff.DiffText;
import io.jenkins.plugins.gitops.cli.AgentCommand.BadSetting;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.environment.EnvironmentName;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.WorkingTree;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.Problem;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import io.jenkins.plugins.gitops.report.ReportCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diff}: what applying a revision would change in the cluster, compared the way the drift watch
 * compares ({@link ClusterDiff}), without writing. Exit codes as {@code kubectl diff}'s. The agent's
 * settings that decide the comparison come from the same environment variables as the agent's, so that
 * in the agent's pod the diff sees what the agent would do.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Renders a revision (a directory, or a branch of the config repository) and compares it with the live cluster"
                    + " as the agent's drift watch does: per object a unified diff of the fields Git sets (- the cluster,"
                    + " + Git), the objects applying would create, and those the inventory would prune. Secret values are masked.",
            "Read-only: it reads with get and list (the objects, the inventory, HorizontalPodAutoscalers, discovery) and"
                    + " asks the server what it makes of Git's objects with server-side dry-run applies, which store nothing"
                    + " (RBAC verb patch; without it the comparison falls back on normalisations).",
            "Exit status: 0 no differences, 1 differences, 2 an error (bad input, a refused revision, the cluster unreachable).",
            "Settings in brackets default to the agent's environment variables."
        })
final class DiffCommand implements Callable<Integer> {

    static final int NO_DIFFERENCES = 0;
    static final int DIFFERENCES = 1;
    static final int ERROR = 2;

    @Spec
    private CommandSpec spec;

    /** Read with the settings, before anything is rendered. */
    private Config config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Directory to render (plain YAML/JSON or a kustomization).")
        Path directory;

        @ArgGroup(exclusive = false)
        Branch branch;
    }

    static final class Branch {
        @Option(names = "--repository", paramLabel = "URL", required = true,
                description = "Config repository to render a branch of: https://, ssh://, git:// or file:// URL without credentials.")
        String repository;

        @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main", description = "Branch whose tip to render (default main).")
        String branch;

        @Option(names = "--path", paramLabel = "DIR", defaultValue = ".", description = "Directory inside the repository (default: the root).")
        String path;
    }

    @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:GITOPS_KUBECONFIG}",
            description = "[GITOPS_KUBECONFIG] kubeconfig to use (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--json", description = "Print {\"resources\":[...]} as report entries: InSync, Drifted with diffs,"
            + " Missing (would be created), Pruned (would be pruned).")
    boolean json;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "${env:GITOPS_ENVIRONMENT}",
            description = "[GITOPS_ENVIRONMENT] The agent's environment: its inventory and label (default: none).")
    String environment;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:GITOPS_NAMESPACE}",
            description = "[GITOPS_NAMESPACE] The agent's namespace, where its inventory is (default: from the kube config).")
    String namespace;

    @Option(names = "--inventory-name", paramLabel = "NAME", defaultValue = "${env:GITOPS_INVENTORY_NAME}",
            description = "[GITOPS_INVENTORY_NAME] The inventory ConfigMap (default gitops-inventory-<environment>, or gitops-inventory).")
    String inventoryName;

    @Option(names = "--apply-strategy", paramLabel = "STRATEGY", defaultValue = "${env:GITOPS_APPLY_STRATEGY:-server-side}",
            description = "[GITOPS_APPLY_STRATEGY] How the agent applies: server-side or client-side (default server-side).")
    String applyStrategy;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = "${env:GITOPS_FIELD_MANAGER:-gitops-agent}",
            description = "[GITOPS_FIELD_MANAGER] The agent's field manager (default gitops-agent).")
    String fieldManager;

    @Option(names = "--prune", paramLabel = "BOOL", defaultValue = "${env:GITOPS_PRUNE:-true}",
            description = "[GITOPS_PRUNE] Whether the agent prunes, so prunes are listed: true or false (default true).")
    String prune;

    @Option(names = "--ignore-differences", paramLabel = "RULES", defaultValue = "${env:GITOPS_IGNORE_DIFFERENCES:-}",
            description = "[GITOPS_IGNORE_DIFFERENCES] Fields not compared, as the agent's rules.")
    String ignoreDifferences;

    @Option(names = "--allowed-namespaces", paramLabel = "NS,...", defaultValue = "${env:GITOPS_ALLOWED_NAMESPACES:-}",
            description = "[GITOPS_ALLOWED_NAMESPACES] Namespaces objects may be in, comma-separated; any when empty.")
    String allowedNamespaces;

    @Option(names = "--denied-kinds", paramLabel = "KIND,...", defaultValue = "${env:GITOPS_DENIED_KINDS:-}",
            description = "[GITOPS_DENIED_KINDS] Kinds to refuse, comma-separated, as Kind or group/Kind.")
    String deniedKinds;

    @Option(names = "--kustomize-binary", paramLabel = "PATH", defaultValue = "${env:GITOPS_KUSTOMIZE_BINARY}",
            description = "[GITOPS_KUSTOMIZE_BINARY] kustomize binary for kustomizations (default: kubectl kustomize).")
    String kustomizeBinary;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ApplierSettings settings = applierSettings();
            List<IgnoreRule> rules = ignoreRules();
            Optional<List<ManifestObject>> desired = render(err);
            if (desired.isEmpty()) {
                return ERROR;
            }
            DiffResult result;
            try (KubernetesClient client = AgentClient.of(config)) {
                result = ClusterDiff.of(client, new Applier(client, settings), rules, desired.get());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? new String(ReportCodec.encodeResources(result.entries()), StandardCharsets.UTF_8) + "\n"
                    : DiffText.of(result));
            out.flush();
            return result.differs() ? DIFFERENCES : NO_DIFFERENCES;
        } catch (BadSetting e) {
            err.println("diff: " + e.getMessage());
        } catch (DiffException | GitException e) {
            err.println("diff: " + e.getMessage());
        }
        err.flush();
        return ERROR;
    }

    private ApplierSettings applierSettings() throws BadSetting {
        String environmentName = AgentCommand.blank(environment) ? "" : environment.strip();
        Optional<String> badEnvironment = environmentName.isEmpty() ? Optional.empty() : EnvironmentName.problem(environmentName);
        if (badEnvironment.isPresent()) {
            throw new BadSetting("--environment", "GITOPS_ENVIRONMENT", badEnvironment.get());
        }
        String inventory = AgentCommand.objectName(inventoryName, "--inventory-name", "GITOPS_INVENTORY_NAME",
                ApplierSettings.inventoryNameOf(environmentName));
        ApplyStrategy strategy;
        try {
            strategy = ApplyStrategy.named(applyStrategy.strip(), fieldManager.strip(), true);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--apply-strategy", "GITOPS_APPLY_STRATEGY", e.getMessage());
        }
        boolean pruning = AgentCommand.bool(prune, "--prune", "GITOPS_PRUNE");
        config = AgentCommand.kubernetesConfig(kubeconfig);
        String agentNamespace = AgentCommand.blank(namespace) ? config.getNamespace() : namespace.strip();
        if (AgentCommand.blank(agentNamespace)) {
            throw new BadSetting("--namespace", "GITOPS_NAMESPACE", "required: the kube config names none");
        }
        return ApplierSettings.defaults(agentNamespace).forEnvironment(environmentName).withInventoryName(inventory)
                .withStrategy(strategy).withPrune(pruning);
    }

    private List<IgnoreRule> ignoreRules() throws BadSetting {
        try {
            return IgnoreRule.parseAll(ignoreDifferences == null ? "" : ignoreDifferences);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--ignore-differences", "GITOPS_IGNORE_DIFFERENCES", e.getMessage());
        }
    }

    /** The revision's objects; empty, with its problems told on stderr, when it is refused. */
    private Optional<List<ManifestObject>> render(PrintWriter err) throws InterruptedException, IOException, BadSetting {
        Kustomize kustomize = AgentCommand.blank(kustomizeBinary) ? Kustomize.KUBECTL
                : Kustomize.binary(AgentCommand.readableFile(kustomizeBinary, "--kustomize-binary", "GITOPS_KUSTOMIZE_BINARY").toString());
        RevisionRenderer renderer = new RevisionRenderer(
                new RevisionPolicy(AgentCommand.list(allowedNamespaces), AgentCommand.list(deniedKinds)), kustomize);
        RenderResult result = source.directory != null ? renderer.render(source.directory) : renderBranch(renderer);
        if (result instanceof RenderResult.Refused refused) {
            refused.problems().stream().map(Problem::toString).forEach(err::println);
            return Optional.empty();
        }
        return Optional.of(((RenderResult.Rendered) result).objects());
    }

    private RenderResult renderBranch(RevisionRenderer renderer) throws InterruptedException, IOException, BadSetting {
        RepositoryPath path;
        try {
            path = RepositoryPath.parse(source.branch.path);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--path", "GITOPS_PATH", e.getMessage());
        }
        Path checkout = Files.createTempDirectory("gitops-diff-");
        try (ConfigRepository repository = new JGitConfigRepository(source.branch.repository, GitCredentials.none(),
                        HttpsTrust.SYSTEM, JGitConfigRepository.DEFAULT_TIMEOUT);
                WorkingTree tree = repository.checkout(source.branch.branch, checkout, path)) {
            Path directory = path.resolveIn(tree.directory());
            // Named as given: the renderer would name the temporary checkout.
            return Files.isDirectory(directory) ? renderer.render(directory)
                    : new RenderResult.Refused(List.of(new Problem(new SourceLocation(path.toString(), 0),
                            "is not a directory in " + source.branch.branch + " at " + tree.head())));
        } finally {
            deleteTree(checkout);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
