package io.jenkins.plugins.gitops.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
        BoundedCommand.Outcome outcome;
        try {
            outcome = BoundedCommand.run(argv, "kustomize", shown, timeout, RevisionRenderer.MAX_REVISION_BYTES);
        } catch (BoundedCommand.Failure e) {
            throw new Failure(e.getMessage());
        }
        if (outcome.exitCode() != 0) {
            throw new Failure(shown + " failed: " + cause(outcome.stderr(), absolute, outcome.exitCode()));
        }
        if (outcome.stdoutTruncated()) {
            throw new Failure(shown + " wrote more than the " + RevisionRenderer.MAX_REVISION_BYTES / (1024 * 1024)
                    + " MiB of manifests a revision may have");
        }
        return outcome.stdout();
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
}
