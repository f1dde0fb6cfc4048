package io.jenkins.plugins.gitops.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code git daemon} serving every repository under a directory over {@code git://} on a loopback
 * port, with pushes (receive-pack) enabled. Close it to stop it.
 */
public final class GitDaemon implements AutoCloseable {

    private final ServerProcess server;
    private final Path root;

    private GitDaemon(ServerProcess server, Path root) {
        this.server = server;
        this.root = root;
    }

    /** Serves the repositories under {@code root}; the log goes next to it. */
    public static GitDaemon start(Path root) {
        String git = Commands.require("git", "git").toString();
        Path log = root.resolveSibling(root.getFileName() + "-git-daemon.log");
        ServerProcess server = ServerProcess.start("git daemon", log, port -> List.of(
                git, "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port, "--base-path=" + root,
                "--export-all", "--enable=receive-pack", "--informative-errors", "--timeout=30", root.toString()));
        return new GitDaemon(server, root);
    }

    /** The {@code git://} URL of a repository under the served directory. */
    public String url(BareRepository repository) {
        return "git://127.0.0.1:" + server.port() + "/" + root.relativize(repository.path()).toString().replace('\\', '/');
    }

    @Override
    public void close() {
        server.close();
    }
}
