package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.report.ReportSender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where reports go: the Jenkins endpoint and the file holding the environment's shared secret (a
 * mounted Kubernetes Secret). The file's bytes are the secret exactly as {@code report verify
 * --secret-file} reads them, so a trailing newline is part of it.
 *
 * @param endpoint for example {@code https://jenkins.example.com/gitops/report}
 * @param secretFile the secret's file
 */
public record ReportTarget(URI endpoint, Path secretFile) {

    /** Events kept while Jenkins is unreachable: hours of a busy environment's corrections. */
    public static final int MAX_PENDING_EVENTS = 10_000;

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public ReportTarget {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secretFile, "secretFile");
    }

    /**
     * Reads the secret and starts a sender posting to the endpoint, with the default backoff.
     *
     * @throws IllegalArgumentException one line naming the file when it cannot be read or is empty;
     *     the secret itself is never part of a message
     */
    public ReportSender open() {
        return ReportSender.start(endpoint, readSecret(), ReportSender.Backoff.DEFAULT, REQUEST_TIMEOUT, MAX_PENDING_EVENTS);
    }

    byte[] readSecret() {
        byte[] secret;
        try {
            secret = Files.readAllBytes(secretFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("report secret file " + secretFile + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("report secret file " + secretFile + " is empty");
        }
        return secret;
    }
}
