package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitCli;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.SigningKeys;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(GitServers.Resolver.class)
class PromoteCommandTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      # pinned by the pipeline
                      image: registry.example.com/shop/web:1.4.2
            """;

    private static final String KUSTOMIZATION = """
            resources: [../../base]
            images:
              - name: registry.example.com/shop/api
                newTag: "0.9"
            """;

    static GitServers servers;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
        // The console handler binds to System.err when first used: let that be the real one, not a run's capture,
        // or sshd's INFO lines (first logged by whichever run first loads it) show up in later runs' stderr.
        java.util.logging.Logger.getLogger("").getHandlers();
    }

    static BareRepository seeded() {
        return servers.seed("main", Map.of(
                "apps/web/prod/deployment.yaml", DEPLOYMENT,
                "apps/web/prod/kustomization.yaml", KUSTOMIZATION,
                "apps/web/staging/deployment.yaml", DEPLOYMENT));
    }

    private static List<String> promote(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("promote", "--repo", url, "--branch", "main", "--path", "apps/web/prod"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void promotesOverTheGitDaemonAndPrintsTheResultAsJson() throws IOException {
        BareRepository origin = seeded();

        CliRun run = run(promote(servers.url(Transport.GIT_DAEMON, origin),
                "--image", "registry.example.com/shop/web:1.5.0", "--image", "registry.example.com/shop/api:1.0",
                "--environment", "production", "--json"));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("commit").asText()).isEqualTo(origin.head("main").orElseThrow());
        assertThat(json.get("files").toString()).isEqualTo("[\"apps/web/prod/deployment.yaml\",\"apps/web/prod/kustomization.yaml\"]");
        assertThat(json.get("attempts").asInt()).isEqualTo(1);
        assertThat(json.get("branch").asText()).isEqualTo("main");
        assertThat(origin.read("main", "apps/web/prod/deployment.yaml"))
                .isEqualTo(DEPLOYMENT.replace("web:1.4.2", "web:1.5.0"));
        assertThat(origin.read("main", "apps/web/prod/kustomization.yaml")).contains("newTag: \"1.0\"");
        assertThat(origin.read("main", "apps/web/staging/deployment.yaml")).isEqualTo(DEPLOYMENT);
        assertThat(origin.messages("main").get(0)).startsWith(
                "Promote registry.example.com/shop/web:1.5.0 and registry.example.com/shop/api:1.0 to production\n");
    }

    @Test
    void aSigningKeySignsThePromotionCommitSoThatGitVerifyCommitAcceptsIt() throws IOException {
        BareRepository origin = seeded();
        SigningKeys.SshKey key = SigningKeys.ssh(dir, "jenkins@example.com");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), key.allowedSignersLine());

        CliRun run = run(promote(servers.url(Transport.FILE, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--signing-key", key.privateKey().toString(), "--signing-format", "ssh"));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(GitCli.git(origin.path(), "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", "--raw", "main"))
                .contains("Good \"git\" signature for jenkins@example.com");
    }

    @Test
    void aSigningKeyThatCannotSignExitsTwoInOneLineAndPushesNothing() throws IOException {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        Path notAKey = Files.writeString(dir.resolve("not-a-key"), "nothing\n");

        CliRun run = run(promote(servers.url(Transport.FILE, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--signing-key", notAKey.toString(), "--signing-format", "openpgp"));
        CliRun format = run(promote(servers.url(Transport.FILE, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--signing-key", notAKey.toString(), "--signing-format", "x509"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("promote: cannot commit in ").contains("signing with the openpgp key " + notAKey + " failed")
                .hasLineCount(1);
        assertThat(format.err()).isEqualTo("promote: signing format 'x509' is not one of ssh, openpgp" + System.lineSeparator());
        assertThat(origin.head("main")).hasValue(before);
    }

    @Test
    void rePromotingWhatIsThereIsANoOpThatExitsZero() throws IOException {
        BareRepository origin = seeded();
        String url = servers.url(Transport.FILE, origin);
        assertThat(run(promote(url, "--image", "registry.example.com/shop/web:1.5.0")).exitCode()).isZero();

        CliRun again = run(promote(url, "--image", "registry.example.com/shop/web:1.5.0", "--json"));

        assertThat(again.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(again.out());
        assertThat(json.get("changed").asBoolean()).isFalse();
        assertThat(json.get("files").size()).isZero();
        assertThat(json.get("commit").asText()).isEqualTo(origin.head("main").orElseThrow());
        assertThat(origin.commitCount("main")).isEqualTo(2);
    }

    @Test
    void promotesOverHttpsWithATokenFile() throws IOException {
        BareRepository origin = seeded();
        Path token = Files.writeString(dir.resolve("token"), GitServers.HTTPS_PASSWORD + "\n");

        CliRun run = run(promote(servers.url(Transport.HTTPS, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--username", GitServers.HTTPS_USER, "--token-file", token.toString(),
                "--ca-file", servers.https().certificate().toString()));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Promoted to branch 'main': commit " + origin.head("main").orElseThrow());
    }

    @Test
    void aRefusedTokenExitsTwoWithOneLineThatDoesNotShowIt() throws IOException {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        Path token = Files.writeString(dir.resolve("token"), "wrong-token-1234");

        CliRun run = run(promote(servers.url(Transport.HTTPS, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--username", GitServers.HTTPS_USER, "--token-file", token.toString(),
                "--ca-file", servers.https().certificate().toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("promote: ").contains("authentication failed").doesNotContain("wrong-token-1234");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void promotesOverSshWithAKeyFileAndKnownHosts() {
        BareRepository origin = seeded();

        CliRun run = run(promote(servers.url(Transport.SSH, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--ssh-key-file", servers.ssh().userKey().toString(), "--known-hosts-file", servers.ssh().knownHosts().toString()));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(origin.read("main", "apps/web/prod/deployment.yaml")).contains("web:1.5.0");
    }

    @Test
    void refusesTheLatestTagBeforeTouchingTheRepository() {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();

        CliRun run = run(promote(servers.url(Transport.FILE, origin), "--image", "registry.example.com/shop/web:latest"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("promote: image 'registry.example.com/shop/web:latest' breaks the promotion rule"
                + " 'pinned version': the tag 'latest' moves\n");
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void anImageThatMatchesNothingUnderThePathChangesNothing() {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();

        CliRun run = run(promote(servers.url(Transport.FILE, origin),
                "--image", "registry.example.com/shop/web:1.5.0", "--image", "registry.example.com/shop/cart:2.0"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("promote: 'registry.example.com/shop/cart:2.0' matches no image field, kustomization"
                + " image or Helm image values under 'apps/web/prod'\n");
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void aFileThatCannotBeEditedIsNamedByItsPathInTheRepositoryNotTheCheckout() {
        BareRepository origin = servers.seed("main", Map.of("apps/web/deployment.yaml", "image: registry.example.com/shop/web:1.0\n",
                "apps/web/broken.yaml", "image: [registry.example.com/shop/web:1.0\n"));

        CliRun run = run("promote", "--repo", servers.url(Transport.FILE, origin), "--branch", "main", "--path", "apps/web",
                "--image", "registry.example.com/shop/web:1.5.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("promote: apps/web/broken.yaml:2: not valid YAML: ").doesNotContain("attempt-");
    }

    @Test
    void aPathNamingOneFileEditsThatFileAlone() throws IOException {
        BareRepository origin = seeded();

        CliRun run = run("promote", "--repo", servers.url(Transport.FILE, origin), "--branch", "main",
                "--path", "apps/web/staging/deployment.yaml", "--image", "registry.example.com/shop/web:1.5.0", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("files")).extracting(JsonNode::asText).containsExactly("apps/web/staging/deployment.yaml");
        assertThat(origin.read("main", "apps/web/staging/deployment.yaml")).contains("image: registry.example.com/shop/web:1.5.0");
        assertThat(origin.read("main", "apps/web/prod/deployment.yaml")).contains("image: registry.example.com/shop/web:1.4.2");
    }

    @Test
    void aPathNamingAFileWithoutTheImageSaysSoNamingTheFile() {
        BareRepository origin = seeded();

        CliRun run = run("promote", "--repo", servers.url(Transport.FILE, origin), "--branch", "main",
                "--path", "apps/web/prod/kustomization.yaml", "--image", "registry.example.com/shop/web:1.5.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("promote: 'registry.example.com/shop/web:1.5.0' matches no image field, kustomization"
                + " image or Helm image values in 'apps/web/prod/kustomization.yaml'\n");
    }

    @Test
    void aMissingBranchIsNamed() {
        BareRepository origin = seeded();
        String url = servers.url(Transport.GIT_DAEMON, origin);

        CliRun run = run("promote", "--repo", url, "--branch", "release", "--path", "apps/web/prod",
                "--image", "registry.example.com/shop/web:1.5.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("promote: branch 'release' does not exist in " + url + "\n");
    }

    @Test
    void pullRequestModePushesToTheNamedBranchAndLeavesTheTargetAlone() throws IOException {
        BareRepository origin = seeded();
        String main = origin.head("main").orElseThrow();

        CliRun run = run(promote(servers.url(Transport.FILE, origin), "--image", "registry.example.com/shop/web:1.5.0",
                "--pull-request", "review/web-1.5.0", "--json"));

        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("branch").asText()).isEqualTo("review/web-1.5.0");
        assertThat(origin.head("main")).contains(main);
        assertThat(origin.read("review/web-1.5.0", "apps/web/prod/deployment.yaml")).contains("web:1.5.0");
    }

    @Test
    void aMissingImageOptionIsAUsageErrorWithExitTwo() {
        CliRun run = run("promote", "--repo", "file:///nowhere.git", "--branch", "main", "--path", "apps");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required option: '--image=REF'");
    }

    private static CliRun run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    private static CliRun run(String... args) {
        return CliRun.main(args);
    }
}
