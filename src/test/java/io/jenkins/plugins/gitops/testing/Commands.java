package io.jenkins.plugins.gitops.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the external programs the test servers are made of, always with a time limit. */
public final class Commands {

    /** Bounds every short command (key generation, git plumbing). */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Commands() {}

    /**
     * The absolute path of a program from a Debian package. When it is missing, the test is skipped on
     * a developer machine and fails in CI (environment variable {@code CI} set), where {@code .ci/run}
     * must have installed the package.
     */
    public static Path require(String program, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/lib/git-core")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return missing(program + " (Debian package " + debianPackage + ")");
    }

    /** Like {@link #require} for a file a package installs, such as a server module. */
    public static Path requireFile(Path file, String debianPackage) {
        return Files.exists(file) ? file : missing(file + " (Debian package " + debianPackage + ")");
    }

    private static Path missing(String what) {
        String message = what + " is not installed";
        if (System.getenv("CI") != null) {
            fail(message + "; CI must install it (.ci/run)");
        }
        Assumptions.abort(message);
        throw new AssertionError(message);
    }

    /** Runs a command to completion and returns its standard output; fails on a non-zero exit. */
    public static String run(Path directory, Map<String, String> environment, String... command) {
        try {
            Path output = Files.createTempFile("command", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                builder.environment().putAll(environment);
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text.strip());
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    /** A loopback port that was free a moment ago (servers that cannot bind port 0 and report it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts connections on the loopback port, or the process died. */
    static boolean awaitPort(int port, Process process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }
}
