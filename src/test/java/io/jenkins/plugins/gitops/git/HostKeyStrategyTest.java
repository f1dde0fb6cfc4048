package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.SshGitServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of the git client plugin's host key strategies, as the controller's revert applies them with JGit, against
 * a real OpenSSH server: the server's own key, no key, and another key in its place.
 */
@ExtendWith(GitServers.Resolver.class)
class HostKeyStrategyTest {

    static GitServers servers;

    @TempDir
    Path work;

    private BareRepository origin;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    private Optional<String> tip(HostKeyStrategy strategy) throws IOException {
        if (origin == null) {
            origin = servers.seed("main", Map.of("README.md", "config\n"));
        }
        HostKeyChecking checking = strategy.checking(work.resolve("scratch"));
        try (ConfigRepository repository = new JGitConfigRepository(servers.ssh().url(origin),
                GitCredentials.sshKey(servers.ssh().userKey(), null, checking), HttpsTrust.SYSTEM, Duration.ofSeconds(30))) {
            return repository.tip("main");
        }
    }

    private String serverKeys() throws IOException {
        return Files.readString(servers.ssh().knownHosts());
    }

    /** The server's address with a key that is not the server's. */
    private String impostorKeys() throws IOException {
        Path other = SshGitServer.generateKey(work.resolve("impostor"));
        String address = serverKeys().split(" ", 2)[0];
        return address + " " + Files.readString(other.resolveSibling("impostor.pub"));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    @Test
    void knownHostsFileTrustsTheListedKeyOnly() throws IOException {
        assertThat(tip(new HostKeyStrategy.KnownHostsFile(file("listed", serverKeys())))).isPresent();
        assertThatThrownBy(() -> tip(new HostKeyStrategy.KnownHostsFile(file("empty", ""))))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
        assertThatThrownBy(() -> tip(new HostKeyStrategy.KnownHostsFile(file("impostor_hosts", impostorKeys()))))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
    }

    @Test
    void acceptFirstConnectionRecordsANewHostButRefusesAChangedKey() throws IOException {
        Path knownHosts = file("first", "");
        assertThat(tip(new HostKeyStrategy.AcceptFirstConnection(knownHosts))).isPresent();
        assertThat(Files.readString(knownHosts)).contains("ssh-ed25519");

        assertThatThrownBy(() -> tip(new HostKeyStrategy.AcceptFirstConnection(file("changed", impostorKeys()))))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
    }

    @Test
    void manuallyProvidedKeysAreTheOnlyOnesTrusted() throws IOException {
        assertThat(tip(new HostKeyStrategy.ManuallyProvided(serverKeys()))).isPresent();
        assertThatThrownBy(() -> tip(new HostKeyStrategy.ManuallyProvided(impostorKeys())))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.UNTRUSTED_SERVER));
    }

    @Test
    void noVerificationConnectsWhateverTheServerKey() throws IOException {
        assertThat(tip(new HostKeyStrategy.NoVerification())).isPresent();
        Files.writeString(work.resolve("scratch").resolve("unverified_known_hosts"), impostorKeys());
        assertThat(tip(new HostKeyStrategy.NoVerification())).as("even a key that differs from one seen before").isPresent();
    }
}
