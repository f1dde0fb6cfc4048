package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server program listening on a loopback port, with its output in a log file. Closing it stops the
 * program and everything it forked, within a few seconds.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the command made for a free port and waits until the port accepts connections; tries
     * another port when the first was taken in between.
     */
    static ServerProcess start(String name, Path log, IntFunction<List<String>> commandForPort) {
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = Commands.freePort();
            try {
                Process process = new ProcessBuilder(commandForPort.apply(port))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                process.getOutputStream().close();
                ServerProcess server = new ServerProcess(process, port, log);
                if (Commands.awaitPort(port, process, STARTUP)) {
                    return server;
                }
                server.close();
                failure = Files.readString(log).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted starting " + name, e);
            }
        }
        throw new AssertionError(name + " did not start: " + failure);
    }

    int port() {
        return port;
    }

    /** What the server wrote so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
