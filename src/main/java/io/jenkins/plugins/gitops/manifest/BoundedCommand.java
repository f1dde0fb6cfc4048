package io.jenkins.plugins.gitops.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a renderer's program (helm, kustomize) bounded in time and output: a revision is never held up by a
 * program that hangs, nor takes the agent's memory with one that writes without end. Anything it
 * left running is killed.
 */
final class BoundedCommand {

    static final int MAX_ERROR_BYTES = 64 * 1024;

    /** What the program wrote and how it exited. */
    record Outcome(int exitCode, String stdout, boolean stdoutTruncated, String stderr) {}

    /** Why the program gave no outcome, in one line. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private BoundedCommand() {}

    /**
     * @param program what the program is, in the message when it cannot be started
     * @param shown how its run is named in the other messages
     * @throws Failure when it cannot be started, or does not finish within {@code timeout}
     */
    static Outcome run(List<String> argv, String program, String shown, Duration timeout, int maxOutputBytes)
            throws Failure, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new Failure(program + " could not run: '" + argv.get(0) + "' was not found or is not executable");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<Captured> out = capture(process.getInputStream(), maxOutputBytes);
            CompletableFuture<Captured> err = capture(process.getErrorStream(), MAX_ERROR_BYTES);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Failure(shown + " did not finish within " + timeout.toSeconds() + " s");
            }
            // A child left running could hold the pipes open: wait for them no longer than for the run.
            Captured output = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Captured error = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(process.exitValue(), output.text(), output.truncated(), error.text());
        } catch (IOException e) {
            throw new Failure(shown + " failed: " + e.getMessage());
        } catch (TimeoutException e) {
            throw new Failure(shown + " exited, but its output stayed open for " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Failure(shown + " failed: " + e.getCause().getMessage());
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private record Captured(String text, boolean truncated) {}

    /** Reads a stream to its end on its own thread, keeping at most {@code limit} bytes. */
    private static CompletableFuture<Captured> capture(InputStream in, int limit) {
        CompletableFuture<Captured> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                boolean truncated = false;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = limit - kept.size();
                    kept.write(buffer, 0, Math.min(n, room));
                    truncated |= n > room;
                }
                result.complete(new Captured(kept.toString(StandardCharsets.UTF_8), truncated));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "renderer-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
