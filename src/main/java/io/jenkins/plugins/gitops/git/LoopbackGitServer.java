package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.DaemonClient;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A git server on loopback speaking the git protocol ({@code git://127.0.0.1:PORT/NAME.git}), fetch and
 * push, over the bare repositories in one directory; JGit's in-process daemon on an ephemeral port. It
 * has no authentication, so it listens on 127.0.0.1 only: for a demonstration on one machine.
 */
public final class LoopbackGitServer implements AutoCloseable {

    private final Path directory;
    private final Daemon daemon;

    private LoopbackGitServer(Path directory, Daemon daemon) {
        this.directory = directory;
        this.daemon = daemon;
    }

    /**
     * Serves the bare repositories {@code NAME.git} under {@code directory}.
     *
     * @throws IOException when no loopback port can be bound
     */
    public static LoopbackGitServer start(Path directory) throws IOException {
        Files.createDirectories(directory);
        Daemon daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.getService("git-receive-pack").setEnabled(true);
        daemon.setRepositoryResolver(new FileResolver<DaemonClient>(directory.toFile(), true));
        daemon.start();
        return new LoopbackGitServer(directory, daemon);
    }

    /** {@code git://127.0.0.1:PORT/NAME.git}. */
    public String url(String name) {
        return "git://127.0.0.1:" + daemon.getAddress().getPort() + "/" + name + ".git";
    }

    /**
     * Creates the bare repository {@code NAME.git} whose {@code branch} holds one commit: every file
     * under {@code content}.
     *
     * @return the commit's id
     * @throws GitException when the repository exists already or cannot be written
     */
    public String create(String name, String branch, Path content, GitIdentity author, String message) {
        Path bare = directory.resolve(name + ".git");
        if (Files.exists(bare)) {
            throw new GitException(GitException.Kind.INVALID, "repository " + name + ".git exists already");
        }
        Path work = directory.resolve(name + ".seed");
        try {
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call().close();
            copy(content, work);
            try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(branch).call()) {
                git.add().addFilepattern(".").call();
                PersonIdent person = new PersonIdent(author.name(), author.email());
                RevCommit commit = git.commit().setMessage(message).setAuthor(person).setCommitter(person)
                        .setSign(false).setNoVerify(true).call();
                git.push().setRemote(bare.toUri().toString())
                        .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
                return commit.name();
            }
        } catch (GitAPIException | IOException | UncheckedIOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot create repository " + name + ".git: " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /** Stops serving; the repositories stay on disk. */
    @Override
    public void close() {
        daemon.stop();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
