package io.jenkins.plugins.gitops.testing;

import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HostKeyChecking;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.RepositoryConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One git daemon, one HTTPS server and one SSH server over one directory of bare repositories, shared
 * by every test class of a run and stopped when the run ends. Ask for it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(GitServers.Resolver.class)
 * class SomeTest {
 *     @BeforeAll static void servers(GitServers servers) { ... }
 * }
 * }</pre>
 */
public final class GitServers implements AutoCloseable {

    /** The user and password the HTTPS server lets in. */
    public static final String HTTPS_USER = "promoter";

    public static final String HTTPS_PASSWORD = "s3cret-token-value";

    /** The ways a test can reach a repository. */
    public enum Transport {
        FILE, GIT_DAEMON, HTTPS, SSH
    }

    private final Path root;
    private final Path repositories;
    private final GitDaemon daemon;
    private final HttpsGitServer https;
    private final SshGitServer ssh;
    private final AtomicInteger names = new AtomicInteger();

    private GitServers(Path root, Path repositories, GitDaemon daemon, HttpsGitServer https, SshGitServer ssh) {
        this.root = root;
        this.repositories = repositories;
        this.daemon = daemon;
        this.https = https;
        this.ssh = ssh;
    }

    /** Starts all three servers; prefer the shared instance from {@link Resolver}. */
    public static GitServers start() {
        try {
            Path root = Files.createTempDirectory("git-servers");
            Path repositories = Files.createDirectories(root.resolve("repositories"));
            GitDaemon daemon = GitDaemon.start(repositories);
            HttpsGitServer https = null;
            try {
                https = HttpsGitServer.start(repositories, root.resolve("https"), HTTPS_USER, HTTPS_PASSWORD);
                return new GitServers(root, repositories, daemon, https, SshGitServer.start(root.resolve("ssh")));
            } catch (RuntimeException | Error e) {
                daemon.close();
                if (https != null) {
                    https.close();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new bare repository, served by every server, with one commit of {@code files} on {@code branch}. */
    public BareRepository seed(String branch, Map<String, String> files) {
        return BareRepository.create(repositories, "config-" + names.incrementAndGet(), branch, files);
    }

    /** A repository's URL over a transport. */
    public String url(Transport transport, BareRepository repository) {
        return switch (transport) {
            case FILE -> repository.fileUrl();
            case GIT_DAEMON -> daemon.url(repository);
            case HTTPS -> https.url(repository);
            case SSH -> ssh.url(repository);
        };
    }

    /** The credentials the transport's server accepts. */
    public GitCredentials credentials(Transport transport) {
        return switch (transport) {
            case FILE, GIT_DAEMON -> GitCredentials.none();
            case HTTPS -> GitCredentials.usernameToken(HTTPS_USER, HTTPS_PASSWORD);
            case SSH -> GitCredentials.sshKey(ssh.userKey(), null, HostKeyChecking.strict(ssh.knownHosts()));
        };
    }

    /** Trusts the HTTPS server's self-signed certificate. */
    public HttpsTrust trust() {
        return HttpsTrust.systemAnd(https.certificate());
    }

    /** Opens JGit repositories over a transport with the credentials its server accepts. */
    public RepositoryConnector connector(Transport transport) {
        return connector(credentials(transport));
    }

    /** Opens JGit repositories with the given credentials, trusting the HTTPS server. */
    public RepositoryConnector connector(GitCredentials credentials) {
        return url -> new JGitConfigRepository(url, credentials, trust(), Duration.ofSeconds(30));
    }

    public GitDaemon daemon() {
        return daemon;
    }

    public HttpsGitServer https() {
        return https;
    }

    public SshGitServer ssh() {
        return ssh;
    }

    @Override
    public void close() {
        daemon.close();
        https.close();
        ssh.close();
        try {
            BareRepository.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves {@link GitServers} parameters to the run's shared instance, started on first use. */
    public static final class Resolver implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GitServers.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == GitServers.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(GitServers.class, key -> start(), GitServers.class);
        }
    }
}
