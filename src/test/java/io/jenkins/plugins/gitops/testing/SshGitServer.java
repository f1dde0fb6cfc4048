package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * OpenSSH's sshd on a loopback port with an ed25519 host key, letting in one ed25519 user key whose
 * sessions can only run git (git-shell), as the user running the tests. Repositories are addressed by
 * absolute path: {@code ssh://<user>@127.0.0.1:<port>/<path>}. Close it to stop it.
 */
public final class SshGitServer implements AutoCloseable {

    private final ServerProcess server;
    private final Path userKey;
    private final Path knownHosts;

    private SshGitServer(ServerProcess server, Path userKey, Path knownHosts) {
        this.server = server;
        this.userKey = userKey;
        this.knownHosts = knownHosts;
    }

    /** @param work a directory of its own for keys, configuration and log */
    public static SshGitServer start(Path work) {
        Path sshd = Commands.require("sshd", "openssh-server");
        Path gitShell = Commands.require("git-shell", "git");
        try {
            Files.createDirectories(work);
            privilegeSeparationDirectory();
            Path hostKey = generateKey(work.resolve("ssh_host_ed25519_key"));
            Path userKey = generateKey(work.resolve("id_ed25519"));
            Path authorizedKeys = work.resolve("authorized_keys");
            Files.writeString(authorizedKeys, "restrict,command=\"" + gitShell + " -c \\\"$SSH_ORIGINAL_COMMAND\\\"\" "
                    + Files.readString(userKey.resolveSibling(userKey.getFileName() + ".pub")));
            Path log = work.resolve("sshd.log");
            ServerProcess server = ServerProcess.start("sshd", log, port -> {
                Path config = work.resolve("sshd-" + port + ".conf");
                write(config, String.join("\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "AuthorizedKeysFile " + authorizedKeys,
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "UsePAM no",
                        "StrictModes no",
                        "PidFile none",
                        "LoginGraceTime 20",
                        "LogLevel VERBOSE",
                        ""));
                return List.of(sshd.toString(), "-D", "-e", "-f", config.toString());
            });
            Path knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                    + Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")));
            return new SshGitServer(server, userKey, knownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new passphrase-less ed25519 key pair ({@code file} and {@code file.pub}); returns the private key. */
    public static Path generateKey(Path file) {
        Path keygen = Commands.require("ssh-keygen", "openssh-client");
        Commands.run(file.getParent(), Map.of(), keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "gitops-test",
                "-f", file.toString());
        return file;
    }

    /** sshd refuses to start without it; Debian creates it at boot, containers often lack it. */
    private static void privilegeSeparationDirectory() throws IOException {
        Path run = Path.of("/run/sshd");
        if (!Files.isDirectory(run) && "root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code ssh://} URL of a repository. */
    public String url(BareRepository repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + server.port() + repository.path().toAbsolutePath();
    }

    /** The private key sshd lets in. */
    public Path userKey() {
        return userKey;
    }

    /** A known_hosts file listing this server's host key. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** What sshd logged so far, for failure messages. */
    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
