package io.jenkins.plugins.gitops.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to run kustomize: {@code kubectl kustomize DIR} by default, or a kustomize binary's
 * {@code build DIR}. The run is bounded in time and output, and its failure is told whole: kustomize's
 * errors often span lines (the generator config before {@code must specify --enable-helm}), and the
 * last line alone rarely says what to change.
 *
 * @param command the command before the directory argument
 * @param timeout how long a build may take
 */
public record Kustomize(List<String> command, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** kubectl with its built-in kustomize, found on the PATH. */
    public static final Kustomize KUBECTL = new Kustomize(List.of("kubectl", "kustomize"), DEFAULT_TIMEOUT);

    private static final int MAX_ERROR_BYTES = 64 * 1024;
    /** klog's header, as in {@code E1122 02:10:35.116445    8591 run.go:72] }. */
    private static final Pattern KLOG_HEADER = Pattern.compile("^[IWEF]\\d{4} [\\d:.]+\\s+\\d+ [^ ]+:\\d+\\] ");
    /** kubectl's structured failure, {@code "command failed" err="..."}: the error is what a person needs. */
    private static final Pattern KLOG_COMMAND_FAILED = Pattern.compile("^\"command failed\" err=\"(.*)\"$");
    /** klog's multi-line value, {@code err=<} then the lines indented by a tab, closed by {@code  >}. */
    private static final String KLOG_MULTI_LINE_START = "\"command failed\" err=<";

    public Kustomize {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("kustomize command is empty");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A configured binary: {@code kubectl} gets {@code kustomize}, any other one {@code build}. */
    public static Kustomize binary(String path) {
        String name = Path.of(path).getFileName().toString();
        return new Kustomize(List.of(path, name.equals("kubectl") ? "kustomize" : "build"), DEFAULT_TIMEOUT);
    }

    public Kustomize withTimeout(Duration limit) {
        return new Kustomize(command, limit);
    }

    /** Why a build gave no output: kustomize's whole error, which may span lines. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** Runs the build of {@code directory} and returns its YAML stream. */
    String build(Path directory) throws Failure, InterruptedException {
        Path absolute = directory.toAbsolutePath().normalize();
        List<String> argv = new ArrayList<>(command);
        argv.add(absolute.toString());
        String shown = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new Failure("kustomize could not run: '" + command.get(0) + "' was not found or is not executable");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<Captured> out = capture(process.getInputStream(), RevisionRenderer.MAX_REVISION_BYTES);
            CompletableFuture<Captured> err = capture(process.getErrorStream(), MAX_ERROR_BYTES);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Failure(shown + " did not finish within " + timeout.toSeconds() + " s");
            }
            // A child left running could hold the pipes open: wait for them no longer than for the build.
            Captured output = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                String stderr = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS).text();
                throw new Failure(shown + " failed: " + cause(stderr, absolute, process.exitValue()));
            }
            if (output.truncated()) {
                throw new Failure(shown + " wrote more than the " + RevisionRenderer.MAX_REVISION_BYTES / (1024 * 1024) + " MiB of manifests a revision may have");
            }
            return output.text();
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

    /** The error output, without klog's framing or this machine's path to the directory. */
    private static String cause(String stderr, Path directory, int exitCode) {
        List<String> lines = new ArrayList<>();
        boolean multiLine = false;
        for (String raw : stderr.lines().toList()) {
            String line = KLOG_HEADER.matcher(raw).replaceFirst("");
            if (multiLine) {
                if (line.strip().equals(">")) {
                    multiLine = false;
                } else {
                    lines.add(line.startsWith("\t") ? line.substring(1) : line);
                }
                continue;
            }
            line = line.strip();
            Matcher failed = KLOG_COMMAND_FAILED.matcher(line);
            if (line.equals(KLOG_MULTI_LINE_START)) {
                multiLine = true;
            } else if (failed.matches()) {
                lines.add(failed.group(1).replace("\\\"", "\""));
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        String text = String.join("\n", lines).strip();
        if (text.isEmpty()) {
            return "exit code " + exitCode;
        }
        return text.replace(directory + "/", "").replace(directory.toString(), ".");
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
        }, "kustomize-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
