package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.LogfmtLines;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.testing.SshGitServer;
import io.jenkins.plugins.gitops.testing.VerifyingReportEndpoint;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@OnLocalControlPlane
@Timeout(60)
class AgentCommandTest {

    private static String web(TestNamespace namespace) {
        return configMap(namespace, "web", "1");
    }

    @TempDir
    Path temp;

    private static CliRun run(String... args) {
        return CliRun.picocli(args);
    }

    /** Every environment variable the deployment sets, from its ConfigMap keys and its container env. */
    private static List<String> deployedVariables() throws IOException {
        List<String> names = new ArrayList<>();
        Matcher keys = Pattern.compile("(?m)^  (GITOPS_[A-Z_]+):").matcher(Files.readString(Path.of("deploy/base/configmap.yaml")));
        while (keys.find()) {
            names.add(keys.group(1));
        }
        Matcher env = Pattern.compile("- name: (GITOPS_[A-Z_]+)").matcher(Files.readString(Path.of("deploy/base/deployment.yaml")));
        while (env.find()) {
            names.add(env.group(1));
        }
        return names;
    }

    @Test
    void helpDocumentsAFlagForEveryVariableTheDeploymentSets() throws IOException {
        CliRun run = run("agent", "--help");
        assertThat(run.exitCode()).isZero();
        List<String> variables = deployedVariables();
        assertThat(variables).contains("GITOPS_REPOSITORY", "GITOPS_NAMESPACE", "GITOPS_POD_NAME", "GITOPS_GIT_SSH_KEY_FILE");
        for (String variable : variables) {
            assertThat(run.out()).contains("[" + variable + "]");
        }
        assertThat(run.out()).contains("--git-username-file", "--git-token-file", "--kubeconfig", "--hook-secret-file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--interval=soon | agent: --interval (GITOPS_INTERVAL): 'soon' is not a duration like 500ms, 30s, 5m or 1h",
        "--prune=yes | agent: --prune (GITOPS_PRUNE): 'yes' is neither true nor false",
        "--ignore-differences=Deployment/web=/spec/replicas | agent: --ignore-differences (GITOPS_IGNORE_DIFFERENCES): ignore rule 1"
                + " 'Deployment/web=/spec/replicas': expected [group/]Kind/namespace/name before '='",
        "--apply-strategy=replace | agent: --apply-strategy (GITOPS_APPLY_STRATEGY): unknown apply strategy 'replace': use server-side or client-side",
        "--drift-mode=fix | agent: --drift-mode (GITOPS_DRIFT_MODE): drift mode 'fix' is not one of correct, report-only",
        "--verify-commits=always | agent: --verify-commits (GITOPS_VERIFY_COMMITS): 'always' is not one of off, head, all",
        "--verify-commits=head | agent: --verify-commits (GITOPS_VERIFY_COMMITS): head needs the trusted keys: --allowed-signers FILE,"
                + " --trusted-keys FILE, or both",
        "--path=../other | agent: --path (GITOPS_PATH): path '../other' leaves the repository",
        "--http-port=99999 | agent: --http-port (GITOPS_HTTP_PORT): '99999' is not a port number (0-65535)",
        "--report-url=https://jenkins.example.com/gitops/report | agent: --environment (GITOPS_ENVIRONMENT): required with a report URL",
        "--git-token-file=pom.xml | agent: --git-username-file (GITOPS_GIT_USERNAME_FILE): HTTPS credentials need both a user name file and a token file",
        "--git-ca-file=missing.pem | agent: --git-ca-file (GITOPS_GIT_CA_FILE): missing.pem is not a readable file",
        "--helm-binary=pom.xml | agent: --helm-binary (GITOPS_HELM_BINARY): pom.xml is not an executable file",
        "--environment=Staging | agent: --environment (GITOPS_ENVIRONMENT): name 'Staging' must use only lowercase letters, digits"
                + " and '-', and start and end with a letter or digit",
        "--inventory-name=Inventory | agent: --inventory-name (GITOPS_INVENTORY_NAME): 'Inventory' is not a Kubernetes object name:"
                + " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
    })
    void aBadSettingIsOneLineNamingTheFlagAndTheVariable(String flag, String message) {
        CliRun run = run("agent", "--repository=file:///config.git", flag, "--kubeconfig=pom.xml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(message + System.lineSeparator());
    }

    @Test
    void aKubeconfigNamingAMissingCertificateFileIsOneLineNamingTheFile() throws IOException {
        Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:6443", certificate-authority: missing-ca.crt}
                users:
                - name: u
                  user: {token: not-a-secret}
                contexts:
                - name: c
                  context: {cluster: c, user: u, namespace: gitops-system}
                current-context: c
                """);

        CliRun run = run("agent", "--once", "--repository=file:///config.git", "--kubeconfig=" + kubeconfig);

        assertThat(run.err()).isEqualTo("agent: --kubeconfig (GITOPS_KUBECONFIG): " + kubeconfig + ": its TLS files cannot be used"
                + " (NoSuchFileException: " + temp.resolve("missing-ca.crt") + ")" + System.lineSeparator());
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void anSshKeyNeedsKnownHosts() {
        CliRun run = run("agent", "--repository=ssh://git@127.0.0.1/config.git", "--git-ssh-key-file=pom.xml");
        assertThat(run.err()).isEqualTo("agent: --git-known-hosts-file (GITOPS_GIT_KNOWN_HOSTS_FILE): required with an SSH key:"
                + " the git server's host key must be known" + System.lineSeparator());
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void theRepositoryIsRequired() {
        CliRun run = run("agent");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("agent: --repository (GITOPS_REPOSITORY): required" + System.lineSeparator());
    }

    @Test
    void readsSettingsFromTheEnvironment() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "agent").redirectErrorStream(false);
        builder.environment().put("GITOPS_REPOSITORY", "file:///config.git");
        builder.environment().put("GITOPS_INTERVAL", "every now and then");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).isEqualTo("agent: --interval (GITOPS_INTERVAL): 'every now and then' is not a duration like 500ms,"
                + " 30s, 5m or 1h" + System.lineSeparator());
        assertThat(process.exitValue()).isEqualTo(2);
    }

    @Test
    void onceAppliesTheBranchWithTheKubeconfigGivenAndExitsZero(TestNamespace namespace) {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace)));
        onceApplies(namespace, repository, repository.fileUrl());
    }

    /** As kubeconfigs that tools write next to their certificates have it: paths relative to the kubeconfig's folder. */
    @Test
    void aKubeconfigNamingItsCertificateAuthorityRelativeToItsFolderIsUsable(TestNamespace namespace) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("kube"));
        String kubeconfig = Files.readString(namespace.cluster().kubeconfig());
        Matcher authority = Pattern.compile("certificate-authority: (\\S+)").matcher(kubeconfig);
        assertThat(authority.find()).as("the control plane's kubeconfig names its CA file").isTrue();
        Files.copy(Path.of(authority.group(1)), folder.resolve("ca.crt"));
        Files.writeString(folder.resolve("config"), authority.replaceFirst("certificate-authority: ca.crt"));
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace)));

        CliRun run = run("agent", "--once", "--repository=" + repository.fileUrl(), "--path=apps",
                "--kubeconfig=" + folder.resolve("config"), "--namespace=" + namespace.name(), "--work-dir=" + temp.resolve("work"));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
    }

    /** The deployment's own way in: a deploy key and the server's host key in known_hosts. */
    @Test
    void onceFollowsAnSshRepositoryWithTheDeployKeyAndKnownHosts(TestNamespace namespace) throws Exception {
        BareRepository repository = BareRepository.create(Files.createDirectories(temp.resolve("repos")), "config", "main",
                Map.of("apps/web.yaml", web(namespace)));
        try (SshGitServer ssh = SshGitServer.start(temp.resolve("ssh"))) {
            onceApplies(namespace, repository, ssh.url(repository), "--git-ssh-key-file=" + ssh.userKey(),
                    "--git-known-hosts-file=" + ssh.knownHosts());
        }
    }

    private void onceApplies(TestNamespace namespace, BareRepository repository, String url, String... credentials) {
        List<String> args = new ArrayList<>(List.of("agent", "--once", "--repository=" + url, "--path=apps",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(),
                "--work-dir=" + temp.resolve("work")));
        args.addAll(List.of(credentials));
        CliRun run = run(args.toArray(String[]::new));

        assertThat(run.out()).isEqualTo("synced " + repository.head("main").orElseThrow() + " (1 objects)" + System.lineSeparator());
        assertThat(run.exitCode()).isZero();
        KubernetesClient client = namespace.client();
        assertThat(client.configMaps().inNamespace(namespace.name()).withName("web").get().getData()).containsEntry("value", "1");
        assertThat(client.configMaps().inNamespace(namespace.name()).withName("gitops-inventory").get()).isNotNull();
        assertThat(namespace.cluster().audit(event -> event.isWrite() && !event.isDryRun() && namespace.name().equals(event.namespace())
                && "web".equals(event.name()))).singleElement().satisfies(event -> {
                    assertThat(event.fromAgent()).as("written by the agent: %s", event).isTrue();
                    assertThat(event.verb()).as("a server-side apply: %s", event).isEqualTo("patch");
                    assertThat(event.requestUri()).contains("fieldManager=gitops-agent");
                });
    }

    /**
     * The agent as deployed: the loop, the drift watch and the report sender in one process, stopped
     * by a signal. A live edit is put back and both reports reach a verifying endpoint.
     */
    @Test
    @Timeout(120)
    void runningAgentReportsTheSyncAndPutsBackALiveEdit(TestNamespace namespace) throws Exception {
        syncsAndPutsBackALiveEdit(namespace, namespace.cluster().kubeconfig());
    }

    /** With no more rights than deploy/base's Role grants its ServiceAccount in its own namespace. */
    @Test
    @Timeout(120)
    void runningAgentNeedsNoMoreThanTheBaseInstallsRole(TestNamespace namespace) throws Exception {
        KubernetesClient admin = namespace.client();
        for (String file : List.of("serviceaccount.yaml", "role.yaml", "rolebinding.yaml")) {
            try (InputStream manifest = Files.newInputStream(Path.of("deploy", "base", file))) {
                admin.load(manifest).inNamespace(namespace.name()).create();
            }
        }
        String token = admin.serviceAccounts().inNamespace(namespace.name()).withName("gitops-agent")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        String kubeconfig = Files.readString(namespace.cluster().kubeconfig()).replaceFirst("token: \\S+", "token: " + token);
        Path serviceAccount = Files.writeString(temp.resolve("service-account-kubeconfig"), kubeconfig);

        syncsAndPutsBackALiveEdit(namespace, serviceAccount);

        String user = "system:serviceaccount:" + namespace.name() + ":gitops-agent";
        assertThat(namespace.cluster().audit(event -> event.fromAgent() && user.equals(event.user())))
                .as("the agent's requests as the ServiceAccount").isNotEmpty()
                .allSatisfy(event -> assertThat(event.code()).as("%s", event).isNotIn(401, 403));
    }

    /**
     * Agents of two environments share a namespace, each electing its leader: both reconcile, and
     * pruning what one's revision dropped leaves the other's objects alone.
     */
    @Test
    @Timeout(150)
    void agentsOfTwoEnvironmentsInOneNamespaceBothReconcileAndNeitherPrunesTheOthersObjects(TestNamespace namespace)
            throws Exception {
        BareRepository a = BareRepository.create(Files.createDirectories(temp.resolve("a")), "config", "main",
                Map.of("apps/a-web.yaml", configMap(namespace, "a-web", "1"), "apps/a-old.yaml", configMap(namespace, "a-old", "1")));
        BareRepository b = BareRepository.create(Files.createDirectories(temp.resolve("b")), "config", "main",
                Map.of("apps/b-web.yaml", configMap(namespace, "b-web", "1")));
        KubernetesClient client = namespace.client();
        try (AgentProcess agentA = AgentProcess.start(namespace, temp.resolve("agent-a"), "--repository=" + a.fileUrl(),
                        "--path=apps", "--environment=a", "--pod-name=a-0");
                AgentProcess agentB = AgentProcess.start(namespace, temp.resolve("agent-b"), "--repository=" + b.fileUrl(),
                        "--path=apps", "--environment=b", "--pod-name=b-0")) {
            awaitConfigMaps(namespace, "both environments applied", names -> names.containsAll(List.of("a-web", "a-old", "b-web")));

            a.commit("main", Map.of("apps/a-old.yaml", "# a-old is no longer wanted\n"), "Drop a-old");
            awaitConfigMaps(namespace, "a-old pruned", names -> !names.contains("a-old"));

            Thread.sleep(3_000);
            assertThat(client.configMaps().inNamespace(namespace.name()).withName("b-web").get()).as("b's object").isNotNull();
            assertThat(client.configMaps().inNamespace(namespace.name()).withName("a-web").get()).as("a's object").isNotNull();
            assertThat(client.leases().inNamespace(namespace.name()).withName("gitops-agent-a").get().getSpec().getHolderIdentity())
                    .isEqualTo("a-0");
            assertThat(client.leases().inNamespace(namespace.name()).withName("gitops-agent-b").get().getSpec().getHolderIdentity())
                    .isEqualTo("b-0");
            assertThat(client.configMaps().inNamespace(namespace.name()).withName("gitops-inventory-b").get().getData())
                    .containsEntry("environment", "b").extracting(data -> data.get("entries")).asString()
                    .contains("b-web").doesNotContain("a-web");
        }
    }

    @Test
    void anAgentGivenTheInventoryOfAnotherEnvironmentRefusesInOneLineAndWritesNothing(TestNamespace namespace) throws Exception {
        BareRepository b = BareRepository.create(Files.createDirectories(temp.resolve("b")), "config", "main",
                Map.of("apps/b-web.yaml", configMap(namespace, "b-web", "1")));
        assertThat(run("agent", "--once", "--repository=" + b.fileUrl(), "--path=apps", "--environment=b",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(),
                "--work-dir=" + temp.resolve("work-b")).exitCode()).isZero();
        int writes = namespace.cluster().audit(event -> event.isWrite() && namespace.name().equals(event.namespace())).size();
        BareRepository a = BareRepository.create(Files.createDirectories(temp.resolve("a")), "config", "main",
                Map.of("apps/a-web.yaml", configMap(namespace, "a-web", "1")));

        for (String mode : List.of("--once", "--leader-election=true")) {
            CliRun run = run("agent", mode, "--repository=" + a.fileUrl(), "--path=apps", "--environment=a",
                    "--inventory-name=gitops-inventory-b", "--kubeconfig=" + namespace.cluster().kubeconfig(),
                    "--namespace=" + namespace.name(), "--work-dir=" + temp.resolve("work-a"), "--http-port=0");

            assertThat(run.err()).isEqualTo("agent: inventory ConfigMap " + namespace.name() + "/gitops-inventory-b belongs to"
                    + " environment 'b', this agent's is 'a'; give each environment's agent an inventory of its own (--inventory-name)"
                    + System.lineSeparator());
            assertThat(run.exitCode()).isEqualTo(2);
        }
        assertThat(namespace.cluster().audit(event -> event.isWrite() && namespace.name().equals(event.namespace())))
                .as("writes in the namespace").hasSize(writes);
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("b-web").get()).isNotNull();
    }

    private static String configMap(TestNamespace namespace, String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + namespace.name()
                + "\ndata:\n  value: \"" + value + "\"\n";
    }

    private static void awaitConfigMaps(TestNamespace namespace, String what, Predicate<List<String>> names)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!names.test(namespace.client().configMaps().inNamespace(namespace.name()).list().getItems().stream()
                .map(map -> map.getMetadata().getName()).toList())) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The agent in a process of its own, reporting to {@code jenkins} as environment staging every second. */
    private Process reportingAgent(TestNamespace namespace, Path kubeconfig, BareRepository repository,
            VerifyingReportEndpoint jenkins, Path secretFile, Path log, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "agent", "--repository=" + repository.fileUrl(), "--path=apps", "--kubeconfig=" + kubeconfig,
                "--namespace=" + namespace.name(), "--work-dir=" + temp.resolve("work"), "--pod-name=agent-0",
                "--http-port=0", "--interval=1s", "--environment=staging", "--report-url=" + jenkins.endpoint(),
                "--report-secret-file=" + secretFile, "--drift-mode=correct"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void anEmptyRevisionOverAppliedObjectsIsRefusedAndTheReportSaysWhyAndWhichFlagAllowsIt(TestNamespace namespace)
            throws Exception {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace)));
        byte[] secret = "report-secret".getBytes(StandardCharsets.UTF_8);
        Path secretFile = Files.write(temp.resolve("report-secret"), secret);
        Process agent = null;
        try (VerifyingReportEndpoint jenkins = new VerifyingReportEndpoint(secret)) {
            agent = reportingAgent(namespace, namespace.cluster().kubeconfig(), repository, jenkins, secretFile, temp.resolve("agent.log"));
            String applied = repository.head("main").orElseThrow();
            jenkins.await(report -> report.source().appliedCommits().contains(applied), Duration.ofSeconds(60));

            String empty = repository.commit("main", Map.of("apps/web.yaml", "# moved to the shop repository\n"), "Move web out");
            Report refused = jenkins.await(report -> report.events().stream().anyMatch(event -> event.type() == EventType.FAILED
                    && event.message().contains(empty)), Duration.ofSeconds(60));

            assertThat(refused.phase()).isEqualTo(SyncPhase.FAILED);
            assertThat(refused.source().revision()).isEqualTo(applied);
            assertThat(refused.events()).filteredOn(event -> event.type() == EventType.FAILED).extracting(ReportEvent::message)
                    .containsExactly("refused: revision " + empty + " refused (1 problem), still at " + applied + ": apps renders"
                            + " no objects; applying it would prune the 1 object in the agent's inventory;"
                            + " --allow-empty-revision=true (GITOPS_ALLOW_EMPTY_REVISION) allows that");
            assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("web").get()).isNotNull();
        } finally {
            if (agent != null) {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void onceWithAllowEmptyRevisionAppliesAnEmptyRevisionAndPrunes(TestNamespace namespace) {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace)));
        String[] once = {"agent", "--once", "--repository=" + repository.fileUrl(), "--path=apps",
            "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(), "--work-dir=" + temp.resolve("work")};
        assertThat(run(once).exitCode()).isZero();
        String empty = repository.commit("main", Map.of("apps/web.yaml", "# moved\n"), "Move web out");

        CliRun refused = run(once);
        List<String> allowing = new ArrayList<>(List.of(once));
        allowing.add("--allow-empty-revision=true");
        CliRun allowed = run(allowing.toArray(String[]::new));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("  apps renders no objects; applying it would prune the 1 object");
        assertThat(allowed.out()).isEqualTo("synced " + empty + " (0 objects)" + System.lineSeparator());
        assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("web").get()).isNull();
    }

    private void syncsAndPutsBackALiveEdit(TestNamespace namespace, Path kubeconfig) throws Exception {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace)));
        String head = repository.head("main").orElseThrow();
        byte[] secret = "report-secret-never-logged".getBytes(StandardCharsets.UTF_8);
        Path secretFile = Files.write(temp.resolve("report-secret"), secret);
        Process agent = null;
        try (VerifyingReportEndpoint jenkins = new VerifyingReportEndpoint(secret)) {
            Path log = temp.resolve("agent.log");
            agent = reportingAgent(namespace, kubeconfig, repository, jenkins, secretFile, log);

            Report synced = jenkins.await(report -> report.source().appliedCommits().contains(head), Duration.ofSeconds(60));
            assertThat(synced.environment()).isEqualTo("staging");
            assertThat(synced.source().revision()).isEqualTo(head);
            assertThat(synced.resources()).hasSize(1);

            new Kubectl(namespace).edit("configmap/web", "s/value: \"1\"/value: \"2\"/");
            Report corrected = jenkins.await(
                    report -> report.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), Duration.ofSeconds(60));
            assertThat(corrected.events()).filteredOn(event -> event.type() == EventType.CORRECTED).isNotEmpty();
            assertThat(namespace.client().configMaps().inNamespace(namespace.name()).withName("web").get().getData())
                    .containsEntry("value", "1");

            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("agent_stopping").doesNotContain("report-secret-never-logged");
            // The drift watch's and the libraries' records too, not only the agent's events.
            assertThat(Files.readString(log)).contains("logger=io.jenkins.plugins.gitops.agent.watch.DriftWatch");
            LogfmtLines.assertEveryLineIsOneEvent(Files.readAllLines(log));
        } finally {
            if (agent != null) {
                agent.destroyForcibly();
            }
        }
    }
}
