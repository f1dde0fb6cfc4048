package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitDaemon;
import io.jenkins.plugins.gitops.testing.HttpsGitServer;
import io.jenkins.plugins.gitops.testing.SshGitServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JGitConfigRepositoryTest {

    private static final String USER = "promoter";
    private static final String PASSWORD = "s3cret-token-value";
    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path temp;

    static Path repositories;
    static GitDaemon daemon;
    static HttpsGitServer https;
    static SshGitServer ssh;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() throws IOException {
        repositories = Files.createDirectories(temp.resolve("repositories"));
        daemon = GitDaemon.start(repositories);
        https = HttpsGitServer.start(repositories, temp.resolve("https"), USER, PASSWORD);
        ssh = SshGitServer.start(temp.resolve("ssh"));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {daemon, https, ssh}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // The other servers still need stopping.
            }
        }
    }

    enum Transport {
        FILE, GIT_DAEMON, HTTPS, SSH;

        ConfigRepository open(BareRepository repository) {
            return switch (this) {
                case FILE -> jgit(repository.fileUrl(), GitCredentials.none(), HttpsTrust.SYSTEM);
                case GIT_DAEMON -> jgit(daemon.url(repository), GitCredentials.none(), HttpsTrust.SYSTEM);
                case HTTPS -> jgit(https.url(repository), GitCredentials.usernameToken(USER, PASSWORD), HttpsTrust.systemAnd(https.certificate()));
                case SSH -> jgit(ssh.url(repository), GitCredentials.sshKey(ssh.userKey(), null, HostKeyChecking.strict(ssh.knownHosts())), HttpsTrust.SYSTEM);
            };
        }
    }

    static ConfigRepository jgit(String url, GitCredentials credentials, HttpsTrust trust) {
        return new JGitConfigRepository(url, credentials, trust, Duration.ofSeconds(30));
    }

    static BareRepository seeded() {
        return BareRepository.create(repositories, "config" + NAMES.incrementAndGet(), "main",
                Map.of("apps/web/image.txt", "image: web:1.0\n", "README.md", "config\n"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fetchesTheTipCommitsAndPushes(Transport transport) throws IOException {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        try (ConfigRepository repository = transport.open(origin)) {
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
        try (ConfigRepository repository = Transport.FILE.open(origin);
                WorkingTree tree = repository.checkout("main", work.resolve("tree"))) {
            Files.writeString(tree.directory().resolve("apps/web/image.txt"), "image: web:1.0\n");
            assertThat(tree.commit(List.of("apps/web/image.txt"), "nothing", BOT, BOT)).isEmpty();
        }
        assertThat(origin.commitCount("main")).isEqualTo(1);
    }

    @Test
    void reportsABranchThatMovedAsARejectedNonFastForward() throws IOException {
        BareRepository origin = seeded();
        try (ConfigRepository repository = Transport.GIT_DAEMON.open(origin);
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
        try (ConfigRepository repository = Transport.FILE.open(origin)) {
            assertThatThrownBy(() -> repository.checkout("release", work.resolve("tree")))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.NOT_FOUND))
                    .hasMessageContaining("'release'");
        }
    }

    @Test
    void wrongHttpsPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
        BareRepository origin = seeded();
        String wrong = "wrong-password-123";
        try (ConfigRepository repository = jgit(https.url(origin), GitCredentials.usernameToken(USER, wrong),
                HttpsTrust.systemAnd(https.certificate()))) {
            assertThatThrownBy(() -> repository.checkout("main", work.resolve("tree")))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                    .hasMessageContaining(https.url(origin))
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void tokenInTheUrlNeverAppearsInErrors() {
        BareRepository origin = seeded();
        String url = https.url(origin).replace("https://", "https://" + USER + ":url-secret-987@");
        try (ConfigRepository repository = jgit(url.replace(origin.path().getFileName().toString(), "missing.git"),
                GitCredentials.none(), HttpsTrust.systemAnd(https.certificate()))) {
            assertThat(repository.url()).doesNotContain("url-secret-987");
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOf(GitException.class)
                    .hasMessageNotContaining("url-secret-987");
        }
    }

    @Test
    void untrustedCertificateIsRefused() {
        BareRepository origin = seeded();
        try (ConfigRepository repository = jgit(https.url(origin), GitCredentials.usernameToken(USER, PASSWORD), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER))
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void unknownSshKeyIsAnAuthenticationError() {
        BareRepository origin = seeded();
        Path stranger = SshGitServer.generateKey(work.resolve("stranger"));
        try (ConfigRepository repository = jgit(ssh.url(origin),
                GitCredentials.sshKey(stranger, null, HostKeyChecking.strict(ssh.knownHosts())), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> repository.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void unknownSshHostIsRefusedUnlessNewHostsAreAccepted() throws IOException {
        BareRepository origin = seeded();
        Path empty = Files.writeString(work.resolve("known_hosts"), "");
        try (ConfigRepository strict = jgit(ssh.url(origin),
                GitCredentials.sshKey(ssh.userKey(), null, HostKeyChecking.strict(empty)), HttpsTrust.SYSTEM)) {
            assertThatThrownBy(() -> strict.tip("main"))
                    .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
        }
        try (ConfigRepository acceptNew = jgit(ssh.url(origin),
                GitCredentials.sshKey(ssh.userKey(), null, HostKeyChecking.acceptNew(empty)), HttpsTrust.SYSTEM)) {
            assertThat(acceptNew.tip("main")).isEqualTo(origin.head("main"));
        }
        assertThat(Files.readString(empty)).contains("ssh-ed25519");
    }
}
