package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import io.jenkins.plugins.gitops.testing.SshGitServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(GitServers.Resolver.class)
class JGitConfigRepositoryTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");

    static GitServers servers;

    @TempDir
    Path work;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    static ConfigRepository open(Transport transport, BareRepository repository) {
        return servers.connector(transport).connect(servers.url(transport, repository));
    }

    static ConfigRepository jgit(String url, GitCredentials credentials, HttpsTrust trust) {
        return new JGitConfigRepository(url, credentials, trust, Duration.ofSeconds(30));
    }

    static BareRepository seeded() {
        return servers.seed("main", Map.of("apps/web/image.txt", "image: web:1.0\n", "README.md", "config\n"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fetchesTheTipCommitsAndPushes(Transport transport) throws IOException {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        try (ConfigRepository repository = open(transport, origin)) {
            assertThat(repository.tip("main")).contains(before);
            assertThat(repository.tip("absent")).isEmpty();
            try (WorkingTree tree = repository.checkout("main", work.resolve("tree"))) {
                assertThat(tree.head()).isEqualTo(before);
                assertThat(tree.directory().resolve("apps/web/image.txt")).hasContent("image: web:1.0");
                Files.writeString(tree.directory().resolve("apps/web/image.txt"), "image: web:2.0\n");
                String commit = tree.commit(List.of("apps/web/image.txt"), "Promote web:2.0 to test", BOT, BOT).orElseThrow();
                assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
                assertThat(origin.head("main")).contains(commit);
            }
        }
        assertThat(origin.read("main", "apps/web/image.txt")).isEqualTo("image: web:2.0\n");
        assertThat(origin.messages("main").get(0)).isEqualTo("Promote web:2.0 to test");
    }

    @Test
    void commitsNothingWhenTheFilesAreUnchanged() throws IOException {
        BareRepository origin = seeded();
        try (ConfigRepository repository = open(Transport.FILE, origin);
                WorkingTree tree = repository.checkout("main", work.resolve("tree"))) {
            Files.writeString(tree.directory().resolve("apps/web/image.txt"), "image: web:1.0\n");
            assertThat(tree.commit(List.of("apps/web/image.txt"), "nothing", BOT, BOT)).isEmpty();
        }
        assertThat(origin.commitCount("main")).isEqualTo(1);
    }

    /** A hundred changed manifests make one pack, not a hundred loose objects to write and delete; bytes stay as written. */
    @Test
    void aCommitOfManyFilesWritesOnePackAndKeepsEveryByteAndRemovals() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        for (int i = 0; i < 100; i++) {
            files.put("apps/web/service-%03d.yaml".formatted(i), "image: web:1.0\r\n");
        }
        files.put("apps/web/old.yaml", "image: web:0.9\n");
        BareRepository origin = servers.seed("main", files);
        try (ConfigRepository repository = open(Transport.FILE, origin);
                WorkingTree tree = repository.checkout("main", work.resolve("tree"))) {
            List<String> changed = new java.util.ArrayList<>(files.keySet());
            for (String file : changed) {
                Files.writeString(tree.directory().resolve(file), "image: web:2.0\r\n");
            }
            Files.delete(tree.directory().resolve("apps/web/old.yaml"));
            tree.commit(changed, "Promote web:2.0", BOT, BOT).orElseThrow();
            try (var objects = Files.walk(tree.directory().resolve(".git/objects"))) {
                assertThat(objects.filter(Files::isRegularFile).map(path -> path.getParent().getFileName().toString()))
                        .as("object files").containsOnly("pack");
            }
            assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
        }
        assertThat(origin.read("main", "apps/web/service-042.yaml")).isEqualTo("image: web:2.0\r\n");
        assertThatThrownBy(() -> origin.read("main", "apps/web/old.yaml")).isNotNull();
        assertThat(origin.commitCount("main")).isEqualTo(2);
    }

    @Test
    void reportsABranchThatMovedAsARejectedNonFastForward() throws IOException {
        BareRepository origin = seeded();
        try (ConfigRepository repository = open(Transport.GIT_DAEMON, origin);
                WorkingTree tree = repository.checkout("main", work.resolve("tree"))) {
            String theirs = origin.commit("main", Map.of("other.txt", "theirs\n"), "Someone else");
            Files.writeString(tree.directory().resolve("apps/web/image.txt"), "image: web:3.0\n");
            tree.commit(List.of("apps/web/image.txt"), "Promote web:3.0", BOT, BOT).orElseThrow();
            assertThat(tree.push("main")).isEqualTo(PushResult.REJECTED_NON_FAST_FORWARD);
            assertThat(origin.head("main")).contains(theirs);
        }
    }

    @Test
    void refusesAMissingBranchByName() {
        BareRepository origin = seeded();
        try (ConfigRepository repository = open(Transport.FILE, origin)) {
            assertThatThrownBy(() -> repository.checkout("release", work.resolve("tree")))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.NOT_FOUND))
                    .hasMessageContaining("'release'");
        }
    }

    @Test
    void wrongHttpsPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
        BareRepository origin = seeded();
        String wrong = "wrong-password-123";
        try (ConfigRepository repository = jgit(servers.https().url(origin), GitCredentials.usernameToken(GitServers.HTTPS_USER, wrong),
                HttpsTrust.systemAnd(servers.https().certificate()))) {
            assertThatThrownBy(() -> repository.checkout("main", work.resolve("tree")))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                    .hasMessageContaining(servers.https().url(origin))
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void tokenInTheUrlNeverAppearsInErrors() {
        BareRepository origin = seeded();
        String url = servers.https().url(origin).replace("https://", "https://" + GitServers.HTTPS_USER + ":url-secret-987@");
        try (ConfigRepository repository = jgit(url.replace(origin.path().getFileName().toString(), "missing.git"),
                GitCredentials.none(), HttpsTrust.systemAnd(servers.https().certificate()))) {
            assertThat(repository.url()).doesNotContain("url-secret-987");
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOf(GitException.class)
                    .hasMessageNotContaining("url-secret-987");
        }
    }

    @Test
    void untrustedCertificateIsRefused() {
        BareRepository origin = seeded();
        try (ConfigRepository repository = jgit(servers.https().url(origin), servers.credentials(Transport.HTTPS), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER))
                    .hasMessageNotContaining(GitServers.HTTPS_PASSWORD);
        }
    }

    @Test
    void unknownSshKeyIsAnAuthenticationError() {
        BareRepository origin = seeded();
        Path stranger = SshGitServer.generateKey(work.resolve("stranger"));
        try (ConfigRepository repository = jgit(servers.ssh().url(origin),
                GitCredentials.sshKey(stranger, null, HostKeyChecking.strict(servers.ssh().knownHosts())), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void unknownSshHostIsRefusedUnlessNewHostsAreAccepted() throws IOException {
        BareRepository origin = seeded();
        Path empty = Files.writeString(work.resolve("known_hosts"), "");
        try (ConfigRepository strict = jgit(servers.ssh().url(origin),
                GitCredentials.sshKey(servers.ssh().userKey(), null, HostKeyChecking.strict(empty)), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> strict.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
        }
        try (ConfigRepository acceptNew = jgit(servers.ssh().url(origin),
                GitCredentials.sshKey(servers.ssh().userKey(), null, HostKeyChecking.acceptNew(empty)), HttpsTrust.SYSTEM)) {
            assertThat(acceptNew.tip("main")).isEqualTo(origin.head("main"));
        }
        assertThat(Files.readString(empty)).contains("ssh-ed25519");
    }
}
