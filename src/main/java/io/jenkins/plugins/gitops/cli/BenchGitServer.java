package io.jenkins.plugins.gitops.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A generated config repository for benchmarks, served by {@code git daemon} on a loopback port: one
 * Deployment manifest per application directory ({@code apps/app-NNNN/deployment.yaml}), then commits
 * that each change one manifest's replica count. Generated with {@code git fast-import}, which writes
 * thousands of commits in seconds. Closing it stops the daemon and deletes the repository.
 */
final class BenchGitServer implements AutoCloseable {

    /** The git command line isolated from the machine's configuration, for the benchmark's own git runs. */
    static final Map<String, String> GIT_ENVIRONMENT = Map.of(
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_AUTHOR_NAME", "Bench",
            "GIT_AUTHOR_EMAIL", "bench@localhost",
            "GIT_COMMITTER_NAME", "Bench",
            "GIT_COMMITTER_EMAIL", "bench@localhost",
            "GIT_TERMINAL_PROMPT", "0");

    static final String BRANCH = "main";

    private final Path root;
    private final Process daemon;
    private final int port;

    private BenchGitServer(Path root, Process daemon, int port) {
        this.root = root;
        this.daemon = daemon;
        this.port = port;
    }

    /**
     * @param wide manifests of the one wide directory ({@link #WIDE_DIRECTORY}), 0 for none
     * @param wideMatches how many of them name {@link #WIDE_IMAGE}; the others name an image of their own
     */
    static BenchGitServer start(int manifests, int commits, int wide, int wideMatches) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("gitops-bench");
        Path bare = root.resolve("config.git");
        run(root, "git", "init", "--quiet", "--bare", "--initial-branch=" + BRANCH, bare.toString());
        run(bare, "git", "config", "daemon.receivepack", "true");
        generate(bare, manifests, commits, wide, wideMatches);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
                        "--base-path=" + root, "--export-all", "--enable=receive-pack", root.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("daemon.log").toFile())
                .start();
        BenchGitServer server = new BenchGitServer(root, daemon, port);
        server.awaitPort(Duration.ofSeconds(20));
        return server;
    }

    /** The {@code git://} URL of the repository. */
    String url() {
        return "git://127.0.0.1:" + port + "/config.git";
    }

    Path bare() {
        return root.resolve("config.git");
    }

    /** One directory holding many services, most running the same image (a platform's sidecar, a shared base image). */
    static final String WIDE_DIRECTORY = "platform/wide";
    static final String WIDE_IMAGE = "registry.example.com/bench/shared";

    static String directory(int app) {
        return "apps/app-%04d".formatted(app);
    }

    static String image(int app) {
        return "registry.example.com/bench/app-%04d".formatted(app);
    }

    private static String manifest(int app, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-%04d
                  labels: {app: app-%04d}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: app-%04d}}
                  template:
                    metadata: {labels: {app: app-%04d}}
                    spec:
                      containers:
                        - name: app
                          image: %s:1.0.0
                          ports: [{containerPort: 8080}]
                """.formatted(app, app, replicas, app, app, image(app));
    }

    /** First commit: every manifest; each further commit changes one manifest's replicas. */
    private static void generate(Path bare, int manifests, int commits, int wide, int wideMatches)
            throws IOException, InterruptedException {
        ProcessBuilder fastImport = new ProcessBuilder("git", "fast-import", "--quiet")
                .directory(bare.toFile())
                .redirectErrorStream(true)
                .redirectOutput(bare.resolveSibling("fast-import.log").toFile());
        fastImport.environment().putAll(GIT_ENVIRONMENT);
        Process importer = fastImport.start();
        try (OutputStream out = new BufferedOutputStream(importer.getOutputStream(), 1 << 16)) {
            long time = 1_700_000_000L;
            for (int commit = 0; commit < commits; commit++) {
                StringBuilder text = new StringBuilder();
                String message = commit == 0 ? "Add " + manifests + " applications" : "Scale " + directory(commit % manifests);
                text.append("commit refs/heads/").append(BRANCH).append('\n')
                        .append("committer Bench <bench@localhost> ").append(time + commit).append(" +0000\n");
                data(text, message);
                if (commit == 0) {
                    for (int app = 0; app < manifests; app++) {
                        file(text, app, 2);
                    }
                    for (int service = 0; service < wide; service++) {
                        text.append("M 100644 inline ").append(WIDE_DIRECTORY).append("/service-%04d.yaml\n".formatted(service));
                        String image = service < wideMatches ? WIDE_IMAGE : image(service) + "-own";
                        data(text, manifest(service, 2).replace(image(service) + ":1.0.0", image + ":1.0.0"));
                    }
                } else {
                    file(text, commit % manifests, 2 + commit / manifests + 1);
                }
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (importer.waitFor() != 0) {
            throw new IOException("git fast-import failed: " + Files.readString(bare.resolveSibling("fast-import.log")).strip());
        }
    }

    private static void file(StringBuilder text, int app, int replicas) {
        text.append("M 100644 inline ").append(directory(app)).append("/deployment.yaml\n");
        data(text, manifest(app, replicas));
    }

    private static void data(StringBuilder text, String content) {
        text.append("data ").append(content.getBytes(StandardCharsets.UTF_8).length).append('\n').append(content).append('\n');
    }

    private void awaitPort(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IOException("git daemon exited: " + Files.readString(root.resolve("daemon.log")).strip());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("git daemon did not listen on port " + port + " within " + timeout.toSeconds() + " s");
    }

    /** Runs a command and returns its output. */
    static String run(Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(GIT_ENVIRONMENT);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = daemon.descendants().toList();
        daemon.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteRecursively(root);
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
