package io.jenkins.plugins.gitops.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.Agent;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.AgentSettings;
import io.jenkins.plugins.gitops.agent.ClusterDiscovery;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyException;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.apply.ForeignInventoryException;
import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.agent.loop.SignatureCheck;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.loop.ReconcileListener;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.agent.watch.DriftWatch;
import io.jenkins.plugins.gitops.agent.watch.ReconcileHandover;
import io.jenkins.plugins.gitops.agent.watch.ReportContext;
import io.jenkins.plugins.gitops.agent.watch.ReportTarget;
import io.jenkins.plugins.gitops.agent.watch.WatchMode;
import io.jenkins.plugins.gitops.agent.watch.WatchSettings;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.environment.EnvironmentName;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.CommitVerifier;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.HostKeyChecking;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.VerifyCommits;
import io.jenkins.plugins.gitops.manifest.Helm;
import io.jenkins.plugins.gitops.manifest.HelmChartRenderer;
import io.jenkins.plugins.gitops.manifest.HelmRelease;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.ReportSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent}: the in-cluster agent. Every flag also comes from the environment variable named in
 * its description (the keys of deploy/base/configmap.yaml); a flag given on the command line wins.
 * Settings are all read as text and checked here, so that a bad one is a single line naming both the
 * flag and the variable, and exit code 2.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the pull-based agent: checks the config repository's branch every interval, renders and validates the"
                    + " directory as a whole, applies it with pruning, and serves /healthz, /readyz and /metrics.",
            "Every flag may be set by the environment variable in brackets; a flag given wins."
        })
final class AgentCommand implements Callable<Integer> {

    static final int BAD_SETTING = 2;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** A Kubernetes object name (a DNS subdomain, at most 253 characters). */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    @Spec
    private CommandSpec spec;

    @Option(names = "--repository", paramLabel = "URL", defaultValue = "${env:GITOPS_REPOSITORY}",
            description = "[GITOPS_REPOSITORY] Config repository: https://, ssh://, git:// or file:// URL. Required.")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "${env:GITOPS_BRANCH:-main}",
            description = "[GITOPS_BRANCH] Branch to follow (default main).")
    String branch;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "${env:GITOPS_PATH:-.}",
            description = "[GITOPS_PATH] Directory inside the repository to render: plain YAML/JSON or a kustomization (default: the root).")
    String path;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "${env:GITOPS_INTERVAL:-30s}",
            description = "[GITOPS_INTERVAL] Time between checks of the branch tip, like 30s, 5m, 1h (default 30s).")
    String interval;

    @Option(names = "--git-ssh-key-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_SSH_KEY_FILE}",
            description = "[GITOPS_GIT_SSH_KEY_FILE] OpenSSH private key (a read-only deploy key) for ssh:// repositories.")
    String sshKeyFile;

    @Option(names = "--git-known-hosts-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_KNOWN_HOSTS_FILE}",
            description = "[GITOPS_GIT_KNOWN_HOSTS_FILE] known_hosts listing the git server's key; required with an SSH key.")
    String knownHostsFile;

    @Option(names = "--git-username-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_USERNAME_FILE}",
            description = "[GITOPS_GIT_USERNAME_FILE] File holding the user name for https:// repositories.")
    String usernameFile;

    @Option(names = "--git-token-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_TOKEN_FILE}",
            description = "[GITOPS_GIT_TOKEN_FILE] File holding the password or access token for https:// repositories.")
    String tokenFile;

    @Option(names = "--git-ca-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_CA_FILE}",
            description = "[GITOPS_GIT_CA_FILE] PEM certificates to trust for https:// besides the JVM's (a private CA).")
    String caFile;

    @Option(names = "--verify-commits", paramLabel = "MODE", defaultValue = "${env:GITOPS_VERIFY_COMMITS:-off}",
            description = "Apply only signed revisions: off, head (the branch tip must carry a good signature by a trusted key) "
                    + "or all (every commit since the revision applied before). Default: ${DEFAULT-VALUE}.")
    String verifyCommits;

    @Option(names = "--allowed-signers", paramLabel = "FILE", defaultValue = "${env:GITOPS_ALLOWED_SIGNERS}",
            description = "The SSH keys trusted to sign commits, in OpenSSH allowed_signers format (as git's gpg.ssh.allowedSignersFile).")
    String allowedSigners;

    @Option(names = "--trusted-keys", paramLabel = "FILE", defaultValue = "${env:GITOPS_TRUSTED_KEYS}",
            description = "The OpenPGP public keys trusted to sign commits, armored (gpg --armor --export).")
    String trustedKeys;

    @Option(names = "--apply-strategy", paramLabel = "STRATEGY", defaultValue = "${env:GITOPS_APPLY_STRATEGY:-server-side}",
            description = "[GITOPS_APPLY_STRATEGY] server-side or client-side (default server-side).")
    String applyStrategy;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = "${env:GITOPS_FIELD_MANAGER:-gitops-agent}",
            description = "[GITOPS_FIELD_MANAGER] Field manager the agent writes as (default gitops-agent).")
    String fieldManager;

    @Option(names = "--force-conflicts", paramLabel = "BOOL", defaultValue = "${env:GITOPS_FORCE_CONFLICTS:-true}",
            description = "[GITOPS_FORCE_CONFLICTS] With server-side apply, take over the fields Git sets that another field"
                    + " manager (kubectl edit, kubectl scale, a controller) changed, instead of failing with a conflict:"
                    + " true or false (default true).")
    String forceConflicts;

    @Option(names = "--prune", paramLabel = "BOOL", defaultValue = "${env:GITOPS_PRUNE:-true}",
            description = "[GITOPS_PRUNE] Delete objects the agent applied that the revision no longer has: true or false (default true).")
    String prune;

    @Option(names = "--allow-empty-revision", paramLabel = "BOOL", defaultValue = "${env:GITOPS_ALLOW_EMPTY_REVISION:-false}",
            description = "[GITOPS_ALLOW_EMPTY_REVISION] Apply a revision that renders no object even when that prunes every"
                    + " object the agent applied: true or false (default false: such a revision is refused).")
    String allowEmptyRevision;

    @Option(names = "--prune-namespaces-and-crds", paramLabel = "BOOL", defaultValue = "${env:GITOPS_PRUNE_NAMESPACES_AND_CRDS:-false}",
            description = "[GITOPS_PRUNE_NAMESPACES_AND_CRDS] Also prune Namespaces and CustomResourceDefinitions, those Git"
                    + " annotated gitops.jenkins.io/prune: enabled, once they hold nothing the agent is not pruning:"
                    + " true or false (default false).")
    String pruneNamespacesAndCrds;

    @Option(names = "--allowed-namespaces", paramLabel = "NS,...", defaultValue = "${env:GITOPS_ALLOWED_NAMESPACES:-}",
            description = "[GITOPS_ALLOWED_NAMESPACES] Namespaces objects may be in, comma-separated; any when empty.")
    String allowedNamespaces;

    @Option(names = "--denied-kinds", paramLabel = "KIND,...", defaultValue = "${env:GITOPS_DENIED_KINDS:-}",
            description = "[GITOPS_DENIED_KINDS] Kinds to refuse, comma-separated, as Kind or group/Kind.")
    String deniedKinds;

    @Option(names = "--kustomize-binary", paramLabel = "PATH", defaultValue = "${env:GITOPS_KUSTOMIZE_BINARY}",
            description = "[GITOPS_KUSTOMIZE_BINARY] kustomize binary for kustomizations (default: kubectl kustomize from the PATH).")
    String kustomizeBinary;

    @Option(names = "--helm-binary", paramLabel = "PATH", defaultValue = "${env:GITOPS_HELM_BINARY}",
            description = "[GITOPS_HELM_BINARY] helm (4) binary for charts and kustomizations' helmCharts (default: helm from the"
                    + " PATH; without one, such revisions are refused saying so).")
    String helmBinary;

    @Option(names = "--helm-values", paramLabel = "FILE,...", defaultValue = "${env:GITOPS_HELM_VALUES:-}",
            description = "[GITOPS_HELM_VALUES] When --path is a chart: values files after its values.yaml, comma-separated,"
                    + " later ones winning, relative to the chart directory and inside it.")
    String helmValues;

    @Option(names = "--helm-set-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_HELM_SET_FILE}",
            description = "[GITOPS_HELM_SET_FILE] When --path is a chart: a file of path=value lines in the chart directory,"
                    + " each given to helm as one --set, after the values files.")
    String helmSetFile;

    @Option(names = "--helm-release-name", paramLabel = "NAME", defaultValue = "${env:GITOPS_HELM_RELEASE_NAME}",
            description = "[GITOPS_HELM_RELEASE_NAME] When --path is a chart: its release name (default: the environment"
                    + " name, or release-name without one).")
    String helmReleaseName;

    @Option(names = "--helm-namespace", paramLabel = "NS", defaultValue = "${env:GITOPS_HELM_NAMESPACE}",
            description = "[GITOPS_HELM_NAMESPACE] When --path is a chart: its release namespace, which its namespaced objects"
                    + " without one are put in (default: the agent's namespace).")
    String helmNamespace;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "${env:GITOPS_ENVIRONMENT}",
            description = "[GITOPS_ENVIRONMENT] Environment name the reports carry, the Lease and inventory are named after,"
                    + " and the label gitops.jenkins.io/environment on every applied object has as value (default: default);"
                    + " required with --report-url.")
    String environment;

    @Option(names = "--report-url", paramLabel = "URL", defaultValue = "${env:GITOPS_REPORT_URL}",
            description = "[GITOPS_REPORT_URL] Jenkins report endpoint, https://<jenkins>/gitops/report; no reports when empty.")
    String reportUrl;

    @Option(names = "--report-secret-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_REPORT_SECRET_FILE}",
            description = "[GITOPS_REPORT_SECRET_FILE] File holding the environment's report signing secret; required with --report-url.")
    String reportSecretFile;

    @Option(names = "--drift-mode", paramLabel = "MODE", defaultValue = "${env:GITOPS_DRIFT_MODE:-correct}",
            description = "[GITOPS_DRIFT_MODE] What to do about drift: correct or report-only (default correct).")
    String driftMode;

    @Option(names = "--ignore-differences", paramLabel = "RULES", defaultValue = "${env:GITOPS_IGNORE_DIFFERENCES:-}",
            description = "[GITOPS_IGNORE_DIFFERENCES] Fields the drift watch neither reports nor corrects: rules separated by ';'"
                    + " or line breaks, each [group/]Kind/namespace/name=/pointer[,/pointer...], '*' for any part.")
    String ignoreDifferences;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:GITOPS_NAMESPACE}",
            description = "[GITOPS_NAMESPACE] The agent's namespace: inventory ConfigMap and leader Lease (default: from the kube config or service account).")
    String namespace;

    @Option(names = "--inventory-name", paramLabel = "NAME", defaultValue = "${env:GITOPS_INVENTORY_NAME}",
            description = "[GITOPS_INVENTORY_NAME] The inventory ConfigMap (default gitops-inventory-<environment>, or"
                    + " gitops-inventory without one).")
    String inventoryName;

    @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = "${env:GITOPS_LEASE_NAME}",
            description = "[GITOPS_LEASE_NAME] The leader election Lease (default gitops-agent-<environment>, or gitops-agent"
                    + " without one).")
    String leaseName;

    @Option(names = "--pod-name", paramLabel = "NAME", defaultValue = "${env:GITOPS_POD_NAME}",
            description = "[GITOPS_POD_NAME] This replica's identity in leader election (default: the host name).")
    String podName;

    @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:GITOPS_KUBECONFIG}",
            description = "[GITOPS_KUBECONFIG] kubeconfig to use (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--leader-election", paramLabel = "BOOL", defaultValue = "${env:GITOPS_LEADER_ELECTION:-true}",
            description = "[GITOPS_LEADER_ELECTION] Elect a leader on a Lease so that only one replica writes: true or false (default true).")
    String leaderElection;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:GITOPS_HTTP_PORT:-8080}",
            description = "[GITOPS_HTTP_PORT] Port of /healthz, /readyz, /metrics and /hooks/git (default 8080).")
    String httpPort;

    @Option(names = "--hook-secret-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_HOOK_SECRET_FILE}",
            description = "[GITOPS_HOOK_SECRET_FILE] File holding the secret of POST /hooks/git; the hook is off when empty.")
    String hookSecretFile;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${env:GITOPS_WORK_DIR}",
            description = "[GITOPS_WORK_DIR] Where checkouts are made (default: <java.io.tmpdir>/gitops-agent).")
    String workDir;

    @Option(names = "--once",
            description = "Run one reconcile, print its outcome, and exit: 0 when the cluster matches the branch tip, 1 otherwise.")
    boolean once;

    /** A setting that cannot be used, told in one line. */
    static final class BadSetting extends Exception {
        private static final long serialVersionUID = 1L;

        BadSetting(String flag, String variable, String message) {
            super(flag + " (" + variable + "): " + message);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Prepared prepared;
        try {
            prepared = prepare();
        } catch (BadSetting e) {
            err.println("agent: " + e.getMessage());
            err.flush();
            return BAD_SETTING;
        }
        AgentLog log = new AgentLog(System.err, Clock.systemUTC());
        try (KubernetesClient client = prepared.client(); ConfigRepository source = prepared.repository()) {
            Applier applier = new Applier(client, prepared.applier());
            try {
                applier.inventory();
            } catch (ForeignInventoryException e) {
                err.println("agent: " + e.getMessage());
                err.flush();
                return BAD_SETTING;
            } catch (ApplyException e) {
                // Not readable yet (the API server starting, say): every apply reads it, and refuses a foreign one, first.
            }
            RevisionRenderer renderer = new RevisionRenderer(prepared.policy(), prepared.kustomize(), new HelmChartRenderer(
                    prepared.helm(), prepared.release(), () -> Optional.of(ClusterDiscovery.capabilities(client))));
            return once ? reconcileOnce(client, source, renderer, applier, prepared, log)
                    : runUntilStopped(client, source, renderer, applier, prepared, log);
        }
    }

    private int reconcileOnce(KubernetesClient client, ConfigRepository source, RevisionRenderer renderer, Applier applier,
            Prepared prepared, AgentLog log) throws InterruptedException {
        ReconcileLoop loop = new ReconcileLoop(source, prepared.settings().loop(), renderer, applier, Leadership.ALWAYS, log,
                Clock.systemUTC());
        ReconcileSnapshot done = loop.reconcileOnce();
        PrintWriter out = spec.commandLine().getOut();
        out.println(done.atTip()
                ? "synced " + done.revision() + " (" + done.desired().size() + " objects)"
                : "not synced: " + done.condition().message());
        done.refusal().forEach(problem -> out.println("  " + problem));
        out.flush();
        return done.atTip() ? 0 : 1;
    }

    private int runUntilStopped(KubernetesClient client, ConfigRepository source, RevisionRenderer renderer, Applier applier,
            Prepared prepared, AgentLog log) throws IOException, InterruptedException {
        AtomicReference<Agent> running = new AtomicReference<>();
        Optional<DriftReporting> reporting = prepared.reporting().map(settings -> DriftReporting.start(settings, client, applier,
                () -> running.get() != null && running.get().leadership().isLeader()));
        List<ReconcileListener> listeners = reporting.<ReconcileListener>map(started -> new ReconcileHandover(started.watch()))
                .stream().toList();
        Agent agent;
        try {
            agent = Agent.start(client, source, renderer, applier, prepared.settings(), log, Clock.systemUTC(), listeners,
                    reporting.map(DriftReporting::sender));
        } catch (IOException | RuntimeException e) {
            reporting.ifPresent(DriftReporting::close);
            throw e;
        }
        running.set(agent);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("agent_stopping");
            agent.close();
            reporting.ifPresent(DriftReporting::close);
            stopped.countDown();
        }, "gitops-shutdown"));
        stopped.await();
        return 0;
    }

    /** Everything the agent needs, checked. */
    private record Prepared(AgentSettings settings, ApplierSettings applier, RevisionPolicy policy, Kustomize kustomize,
            Optional<Helm> helm, HelmRelease release, Config kubernetes, GitCredentials credentials, HttpsTrust trust, String url,
            Optional<Reporting> reporting) {

        KubernetesClient client() {
            return AgentClient.of(kubernetes);
        }

        ConfigRepository repository() {
            return new JGitConfigRepository(url, credentials, trust, JGitConfigRepository.DEFAULT_TIMEOUT);
        }
    }

    /** Where the drift watch sends its reports, and whether it corrects what drifted. */
    private record Reporting(ReportTarget target, ReportContext context, WatchSettings watch) {}

    /** The drift watch and the sender it reports through; closed after the loop, the watch first. */
    private record DriftReporting(ReportSender sender, DriftWatch watch) implements AutoCloseable {

        static DriftReporting start(Reporting settings, KubernetesClient client, Applier applier, BooleanSupplier leader) {
            ReportSender sender = settings.target().open();
            return new DriftReporting(sender, DriftWatch.start(client, applier, sender, settings.context(), settings.watch(), leader));
        }

        @Override
        public void close() {
            watch.close();
            sender.close();
        }
    }

    private Prepared prepare() throws BadSetting {
        String url = required(repository, "--repository", "GITOPS_REPOSITORY");
        String branchName = required(branch, "--branch", "GITOPS_BRANCH");
        RepositoryPath directory;
        try {
            directory = RepositoryPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--path", "GITOPS_PATH", e.getMessage());
        }
        Duration every = duration(interval, "--interval", "GITOPS_INTERVAL");
        GitCredentials credentials = credentials();
        HttpsTrust trust = blank(caFile) ? HttpsTrust.SYSTEM
                : HttpsTrust.systemAnd(readableFile(caFile, "--git-ca-file", "GITOPS_GIT_CA_FILE"));
        try (ConfigRepository probe = new JGitConfigRepository(url, credentials, trust, JGitConfigRepository.DEFAULT_TIMEOUT)) {
            // Constructing checks the URL and that the credentials fit its scheme; nothing is contacted.
        } catch (GitException | IllegalArgumentException e) {
            throw new BadSetting("--repository", "GITOPS_REPOSITORY", e.getMessage());
        }
        boolean pruning = bool(prune, "--prune", "GITOPS_PRUNE");
        boolean pruningNamespacesAndCrds =
                bool(pruneNamespacesAndCrds, "--prune-namespaces-and-crds", "GITOPS_PRUNE_NAMESPACES_AND_CRDS");
        ApplyStrategy strategy;
        try {
            strategy = ApplyStrategy.named(applyStrategy.strip(), required(fieldManager, "--field-manager", "GITOPS_FIELD_MANAGER"),
                    bool(forceConflicts, "--force-conflicts", "GITOPS_FORCE_CONFLICTS"));
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--apply-strategy", "GITOPS_APPLY_STRATEGY", e.getMessage());
        }
        RevisionPolicy policy = new RevisionPolicy(list(allowedNamespaces), list(deniedKinds));
        Kustomize kustomize = blank(kustomizeBinary) ? Kustomize.KUBECTL
                : Kustomize.binary(readableFile(kustomizeBinary, "--kustomize-binary", "GITOPS_KUSTOMIZE_BINARY").toString());
        Optional<Helm> helm = Helm.configuredOrOnPath(blank(helmBinary) ? Optional.empty()
                : Optional.of(executable(helmBinary, "--helm-binary", "GITOPS_HELM_BINARY")));
        WatchSettings watch = WatchSettings.defaults(driftMode(), ignoreRules());
        SignatureCheck signatures = signatureCheck();
        Optional<ReportTarget> reportTarget = reportTarget();
        int port = port(httpPort);
        Optional<byte[]> hookSecret = blank(hookSecretFile) ? Optional.empty()
                : Optional.of(secret(hookSecretFile, "--hook-secret-file", "GITOPS_HOOK_SECRET_FILE"));
        boolean electing = bool(leaderElection, "--leader-election", "GITOPS_LEADER_ELECTION");
        String environmentName = blank(environment) ? "" : environment.strip();
        Optional<String> badEnvironment = environmentName.isEmpty() ? Optional.empty() : EnvironmentName.problem(environmentName);
        if (badEnvironment.isPresent()) {
            throw new BadSetting("--environment", "GITOPS_ENVIRONMENT", badEnvironment.get());
        }
        String inventory = objectName(inventoryName, "--inventory-name", "GITOPS_INVENTORY_NAME",
                ApplierSettings.inventoryNameOf(environmentName));
        String lease = objectName(leaseName, "--lease-name", "GITOPS_LEASE_NAME", LeaseLeadership.Settings.leaseNameOf(environmentName));

        Config kubernetes = kubernetesConfig(kubeconfig);
        String agentNamespace = blank(namespace) ? kubernetes.getNamespace() : namespace.strip();
        if (blank(agentNamespace)) {
            throw new BadSetting("--namespace", "GITOPS_NAMESPACE", "required: neither the kube config nor a service account names one");
        }
        String identity = blank(podName) ? hostName() : podName.strip();
        Path work = blank(workDir) ? Path.of(System.getProperty("java.io.tmpdir"), "gitops-agent") : Path.of(workDir.strip());
        Optional<LeaseLeadership.Settings> election = electing
                ? Optional.of(LeaseLeadership.Settings.defaults(agentNamespace, lease, identity))
                : Optional.empty();

        ApplierSettings applier = ApplierSettings.defaults(agentNamespace).forEnvironment(environmentName).withInventoryName(inventory)
                .withStrategy(strategy).withPrune(pruning).withPruneNamespacesAndCrds(pruningNamespacesAndCrds);
        LoopSettings loop = LoopSettings.of(branchName, directory, every, work).withSignatures(signatures)
                .withAllowEmptyRevision(bool(allowEmptyRevision, "--allow-empty-revision", "GITOPS_ALLOW_EMPTY_REVISION"));
        AgentSettings settings = new AgentSettings(loop, election, new InetSocketAddress(port), hookSecret);
        Optional<Reporting> reporting = reportTarget.map(target -> new Reporting(target,
                new ReportContext(environmentName, new AgentIdentity(identity, VersionProvider.version()), url, branchName,
                        directory.toString()),
                watch));
        String releaseName = blank(helmReleaseName) ? (environmentName.isEmpty() ? "release-name" : environmentName) : helmReleaseName.strip();
        HelmRelease release = new HelmRelease(releaseName,
                blank(helmNamespace) ? agentNamespace : helmNamespace.strip(), orderedList(helmValues),
                blank(helmSetFile) ? Optional.empty() : Optional.of(helmSetFile.strip()));
        return new Prepared(settings, applier, policy, kustomize, helm, release, kubernetes, credentials, trust, url, reporting);
    }

    private GitCredentials credentials() throws BadSetting {
        boolean ssh = !blank(sshKeyFile);
        boolean https = !blank(usernameFile) || !blank(tokenFile);
        if (ssh && https) {
            throw new BadSetting("--git-ssh-key-file", "GITOPS_GIT_SSH_KEY_FILE",
                    "give either an SSH key or an HTTPS user name and token, not both");
        }
        if (ssh) {
            Path key = readableFile(sshKeyFile, "--git-ssh-key-file", "GITOPS_GIT_SSH_KEY_FILE");
            if (blank(knownHostsFile)) {
                throw new BadSetting("--git-known-hosts-file", "GITOPS_GIT_KNOWN_HOSTS_FILE",
                        "required with an SSH key: the git server's host key must be known");
            }
            Path knownHosts = readableFile(knownHostsFile, "--git-known-hosts-file", "GITOPS_GIT_KNOWN_HOSTS_FILE");
            return GitCredentials.sshKey(key, null, HostKeyChecking.strict(knownHosts));
        }
        if (https) {
            if (blank(usernameFile) || blank(tokenFile)) {
                throw new BadSetting(blank(usernameFile) ? "--git-username-file" : "--git-token-file",
                        blank(usernameFile) ? "GITOPS_GIT_USERNAME_FILE" : "GITOPS_GIT_TOKEN_FILE",
                        "HTTPS credentials need both a user name file and a token file");
            }
            String user = new String(secret(usernameFile, "--git-username-file", "GITOPS_GIT_USERNAME_FILE"), StandardCharsets.UTF_8).strip();
            String token = new String(secret(tokenFile, "--git-token-file", "GITOPS_GIT_TOKEN_FILE"), StandardCharsets.UTF_8).strip();
            return GitCredentials.usernameToken(user, token);
        }
        return GitCredentials.none();
    }

    private SignatureCheck signatureCheck() throws BadSetting {
        VerifyCommits mode;
        try {
            mode = VerifyCommits.parse(verifyCommits == null ? "" : verifyCommits.strip());
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--verify-commits", "GITOPS_VERIFY_COMMITS", e.getMessage());
        }
        if (mode == VerifyCommits.OFF) {
            return SignatureCheck.OFF;
        }
        Path signers = blank(allowedSigners) ? null : readableFile(allowedSigners, "--allowed-signers", "GITOPS_ALLOWED_SIGNERS");
        Path keys = blank(trustedKeys) ? null : readableFile(trustedKeys, "--trusted-keys", "GITOPS_TRUSTED_KEYS");
        if (signers == null && keys == null) {
            throw new BadSetting("--verify-commits", "GITOPS_VERIFY_COMMITS",
                    mode.label() + " needs the trusted keys: --allowed-signers FILE, --trusted-keys FILE, or both");
        }
        try {
            return new SignatureCheck(mode, new CommitVerifier(signers, keys, Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new BadSetting(keys == null ? "--allowed-signers" : "--trusted-keys", keys == null ? "GITOPS_ALLOWED_SIGNERS" : "GITOPS_TRUSTED_KEYS",
                    e.getMessage());
        }
    }

    private WatchMode driftMode() throws BadSetting {
        try {
            return WatchMode.parse(driftMode == null ? "" : driftMode.strip());
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--drift-mode", "GITOPS_DRIFT_MODE", e.getMessage());
        }
    }

    private List<IgnoreRule> ignoreRules() throws BadSetting {
        try {
            return IgnoreRule.parseAll(ignoreDifferences == null ? "" : ignoreDifferences);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("--ignore-differences", "GITOPS_IGNORE_DIFFERENCES", e.getMessage());
        }
    }

    /** Reports are off without a report URL; with one, the environment and a readable secret are required. */
    private Optional<ReportTarget> reportTarget() throws BadSetting {
        if (blank(reportUrl)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(reportUrl.strip());
        } catch (URISyntaxException e) {
            throw new BadSetting("--report-url", "GITOPS_REPORT_URL", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new BadSetting("--report-url", "GITOPS_REPORT_URL", "must be an http(s) URL with a host and no user information");
        }
        if (blank(environment)) {
            throw new BadSetting("--environment", "GITOPS_ENVIRONMENT", "required with a report URL");
        }
        if (blank(reportSecretFile)) {
            throw new BadSetting("--report-secret-file", "GITOPS_REPORT_SECRET_FILE", "required with a report URL");
        }
        secret(reportSecretFile, "--report-secret-file", "GITOPS_REPORT_SECRET_FILE");
        return Optional.of(new ReportTarget(uri, Path.of(reportSecretFile.strip())));
    }

    /** The kube config the flag names, else the in-cluster or default one; a file that cannot be used is a bad setting. */
    static Config kubernetesConfig(String kubeconfig) throws BadSetting {
        if (blank(kubeconfig)) {
            return Config.autoConfigure(null);
        }
        Path file = readableFile(kubeconfig, "--kubeconfig", "GITOPS_KUBECONFIG");
        Config config;
        try {
            // The file's path, so that certificate and key files named relative to it are found.
            config = Config.fromKubeconfig(null, Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException | RuntimeException e) {
            throw new BadSetting("--kubeconfig", "GITOPS_KUBECONFIG", file + " is not a usable kubeconfig ("
                    + e.getClass().getSimpleName() + ")");
        }
        // Building a client reads the certificate and key files it names; nothing is contacted.
        try (KubernetesClient client = AgentClient.of(config)) {
            return config;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new BadSetting("--kubeconfig", "GITOPS_KUBECONFIG", file + ": its TLS files cannot be used ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (!blank(host)) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "gitops-agent-" + ProcessHandle.current().pid();
        }
    }

    static Duration duration(String text, String flag, String variable) throws BadSetting {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        Duration parsed;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            parsed = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new BadSetting(flag, variable, "'" + text + "' is not a duration like 500ms, 30s, 5m or 1h");
            }
        }
        if (parsed.compareTo(Duration.ofMillis(100)) < 0) {
            throw new BadSetting(flag, variable, "'" + text + "' is shorter than 100ms");
        }
        return parsed;
    }

    /** The name given, else the one derived from the environment. */
    static String objectName(String given, String flag, String variable, String derived) throws BadSetting {
        if (blank(given)) {
            return derived;
        }
        String name = given.strip();
        if (!OBJECT_NAME.matcher(name).matches()) {
            throw new BadSetting(flag, variable, "'" + name + "' is not a Kubernetes object name: lowercase letters, digits, '-'"
                    + " and '.', starting and ending with a letter or digit, at most 253 characters");
        }
        return name;
    }

    static boolean bool(String text, String flag, String variable) throws BadSetting {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadSetting(flag, variable, "'" + text + "' is neither true nor false");
        };
    }

    private static int port(String text) throws BadSetting {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Told below with the value.
        }
        throw new BadSetting("--http-port", "GITOPS_HTTP_PORT", "'" + text + "' is not a port number (0-65535)");
    }

    private static String required(String value, String flag, String variable) throws BadSetting {
        if (blank(value)) {
            throw new BadSetting(flag, variable, "required");
        }
        return value.strip();
    }

    static Path readableFile(String value, String flag, String variable) throws BadSetting {
        Path file = Path.of(value.strip());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadSetting(flag, variable, file + " is not a readable file");
        }
        return file;
    }

    /** A secret's bytes; messages name the file, never its content. */
    private static byte[] secret(String value, String flag, String variable) throws BadSetting {
        Path file = readableFile(value, flag, variable);
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new BadSetting(flag, variable, file + " is empty");
            }
            return bytes;
        } catch (IOException e) {
            throw new BadSetting(flag, variable, file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Path executable(String value, String flag, String variable) throws BadSetting {
        Path file = Path.of(value.strip());
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            throw new BadSetting(flag, variable, file + " is not an executable file");
        }
        return file;
    }

    /** A comma-separated list whose order matters, as values files'. */
    private static List<String> orderedList(String text) {
        return blank(text) ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    static Set<String> list(String text) {
        return blank(text) ? Set.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(value -> !value.isEmpty()).collect(Collectors.toSet());
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
