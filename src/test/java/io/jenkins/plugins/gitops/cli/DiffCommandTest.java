package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} on the local control plane, after the agent synced a branch: nothing to show, then a
 * live edit and a Git change, each with the fields that differ, and never a write.
 */
@OnLocalControlPlane
@Timeout(120)
class DiffCommandTest {

    private static final String PASSWORD = "hunter2-in-git";
    private static final String LIVE_PASSWORD = "changed-live";

    @TempDir
    Path temp;

    private static CliRun run(String... args) {
        return CliRun.picocli(args);
    }

    private static String app(TestNamespace namespace, String image, String... configMaps) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS, labels: {app: web}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: IMAGE
                        ports: [{containerPort: 8080}]
                        resources: {requests: {cpu: 0.5, memory: 64Mi}}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: credentials, namespace: NS}
                stringData: {password: PASSWORD}
                """.replace("IMAGE", image).replace("PASSWORD", PASSWORD));
        for (String name : configMaps) {
            yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name)
                    .append(", namespace: NS}\ndata: {greeting: hello}\n");
        }
        return yaml.toString().replace("NS", namespace.name());
    }

    /** The agent's sync of the branch, as it runs in the cluster (one reconcile). */
    private BareRepository synced(TestNamespace namespace) {
        BareRepository repository = BareRepository.create(temp, "config", "main",
                Map.of("apps/app.yaml", app(namespace, "registry.example/web:1.0.0", "settings", "old")));
        CliRun sync = run("agent", "--once", "--repository=" + repository.fileUrl(), "--path=apps",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(),
                "--work-dir=" + temp.resolve("work"));
        assertThat(sync.exitCode()).as("agent --once: %s %s", sync.out(), sync.err()).isZero();
        return repository;
    }

    private CliRun diff(TestNamespace namespace, BareRepository repository, String... flags) {
        List<String> args = new ArrayList<>(List.of("diff", "--repository=" + repository.fileUrl(), "--path=apps",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name()));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    /** The agent's requests in the namespace so far (the diff names itself as the agent does). */
    private static List<AuditEvent> agentRequests(TestNamespace namespace) {
        return namespace.cluster().audit(event -> event.fromAgent() && namespace.name().equals(event.namespace()));
    }

    /** Runs the diff and proves from the audit log that it read and wrote nothing: gets, lists and dry runs only. */
    private CliRun diffWritingNothing(TestNamespace namespace, BareRepository repository, String... flags) {
        int before = agentRequests(namespace).size();
        CliRun diff = diff(namespace, repository, flags);
        List<AuditEvent> requests = agentRequests(namespace);
        List<AuditEvent> made = requests.subList(before, requests.size());
        assertThat(made).as("the diff's requests").isNotEmpty()
                .allSatisfy(event -> assertThat(event.isWrite() ? event.isDryRun() : List.of("get", "list").contains(event.verb()))
                        .as("a read or a dry run: %s", event).isTrue());
        return diff;
    }

    @Test
    void afterASyncThereIsNoDifferenceAndTheExitCodeIsZero(TestNamespace namespace) throws Exception {
        BareRepository repository = synced(namespace);

        CliRun diff = diffWritingNothing(namespace, repository);

        assertThat(diff.err()).isEmpty();
        assertThat(diff.out()).isEqualTo("no differences: 4 objects in sync" + System.lineSeparator());
        assertThat(diff.exitCode()).isZero();
        Path directory = Files.createDirectories(temp.resolve("dir"));
        Files.writeString(directory.resolve("app.yaml"), repository.read("main", "apps/app.yaml"));
        CliRun fromDirectory = run("diff", "--dir=" + directory, "--kubeconfig=" + namespace.cluster().kubeconfig(),
                "--namespace=" + namespace.name());
        assertThat(fromDirectory.out()).isEqualTo(diff.out());
        assertThat(fromDirectory.exitCode()).isZero();
    }

    @Test
    void aLiveEditShowsTheFieldAsTheClusterAndGitHaveItAndWhoChangedItWithSecretsMasked(TestNamespace namespace) {
        BareRepository repository = synced(namespace);
        Kubectl kubectl = new Kubectl(namespace);
        kubectl.run("scale", "deployment/web", "--replicas=5");
        kubectl.run("patch", "secret/credentials", "--type=merge", "-p", "{\"stringData\":{\"password\":\"" + LIVE_PASSWORD + "\"}}");

        CliRun diff = diffWritingNothing(namespace, repository);

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        String web = "apps/Deployment/" + namespace.name() + "/web";
        assertThat(diff.out()).contains(
                "~ " + web + ": 1 field drifted: /spec/replicas\n",
                "#   /spec/replicas set by kubectl",
                "--- live/" + web + "\n+++ git/" + web + "\n",
                "\n-  replicas: 5\n+  replicas: 2\n",
                "~ Secret/" + namespace.name() + "/credentials: 1 field drifted: /data/password\n",
                "-  password: '*** (after)'\n+  password: '*** (before)'\n",
                "2 to change, 0 to create, 0 to prune, 2 in sync\n");
        assertThat(diff.out()).as("no secret value, plain or encoded")
                .doesNotContain(PASSWORD, LIVE_PASSWORD, base64(PASSWORD), base64(LIVE_PASSWORD))
                .as("fields that did not change are context, not differences").doesNotContain("-        image:");
    }

    @Test
    void aGitChangeShowsTheChangedFieldTheObjectToCreateAndTheOneThePruneWouldDelete(TestNamespace namespace) throws Exception {
        BareRepository repository = synced(namespace);
        repository.commit("main", Map.of("apps/app.yaml", app(namespace, "registry.example/web:1.1.0", "settings", "new")),
                "web 1.1.0, new replaces old");

        CliRun diff = diffWritingNothing(namespace, repository);

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        String ns = namespace.name();
        assertThat(diff.out()).contains(
                "~ apps/Deployment/" + ns + "/web: 1 field drifted: /spec/template/spec/containers/0/image\n",
                "-        image: registry.example/web:1.0.0\n+        image: registry.example/web:1.1.0\n",
                "+ ConfigMap/" + ns + "/new: missing from the cluster, applying would create it\n--- /dev/null\n+++ git/ConfigMap/"
                        + ns + "/new\n",
                "+  name: new\n",
                "- ConfigMap/" + ns + "/old: in the inventory and no longer in Git: applying would prune it\n",
                "1 to change, 1 to create, 1 to prune, 2 in sync\n");
        assertThat(diff.out()).as("the live image is the one the agent applied: the difference comes from Git")
                .contains("#   /spec/template/spec/containers/0/image set by gitops-agent at ").doesNotContain(PASSWORD);

        CliRun json = diffWritingNothing(namespace, repository, "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode resources = new ObjectMapper().readTree(json.out()).path("resources");
        assertThat(resources).extracting(entry -> entry.path("kind").asText() + "/" + entry.path("name").asText() + " "
                + entry.path("status").asText()).containsExactly(
                        "Deployment/web Drifted", "Secret/credentials InSync", "ConfigMap/settings InSync",
                        "ConfigMap/new Missing", "ConfigMap/old Pruned");
        JsonNode image = resources.get(0).path("diffs").get(0);
        assertThat(image.path("path").asText()).isEqualTo("/spec/template/spec/containers/0/image");
        assertThat(image.path("desired").asText()).isEqualTo("registry.example/web:1.1.0");
        assertThat(image.path("live").asText()).isEqualTo("registry.example/web:1.0.0");
    }

    @Test
    void aRefusedRevisionIsAnErrorNamingTheFileAndExitsTwo(TestNamespace namespace) throws Exception {
        Path directory = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(directory.resolve("app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n");

        CliRun diff = run("diff", "--dir=" + directory, "--kubeconfig=" + namespace.cluster().kubeconfig(),
                "--namespace=" + namespace.name());

        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).startsWith("app.yaml:");
        assertThat(diff.out()).isEmpty();
    }

    @Test
    void helpSaysItIsReadOnly() {
        CliRun help = run("diff", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Read-only: it reads with get and list",
                "server-side dry-run applies, which store nothing", "Exit status: 0 no differences, 1 differences, 2 an error");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
