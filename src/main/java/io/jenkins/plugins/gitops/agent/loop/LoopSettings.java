package io.jenkins.plugins.gitops.agent.loop;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the loop watches and how often.
 *
 * @param branch the branch of the config repository
 * @param path the directory inside the repository to render
 * @param interval time between checks of the branch tip while all is well
 * @param backoff waits between attempts after failures
 * @param workDirectory where checkouts are made (each is deleted after rendering)
 * @param wedgeLimit how long one reconcile may run before {@code /healthz} calls the loop wedged
 * @param signatures which commits must be signed by a trusted key before a revision is applied
 */
public record LoopSettings(
        String branch, RepositoryPath path, Duration interval, Backoff backoff, Path workDirectory, Duration wedgeLimit,
        SignatureCheck signatures) {

    public LoopSettings {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(signatures, "signatures");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (wedgeLimit.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("wedge limit must exceed the interval");
        }
    }

    /**
     * Defaults: {@link Backoff#DEFAULT}, and 10 minutes plus the interval before the loop counts as
     * wedged (git and kustomize each give up after a minute; a large apply takes a few more); no signature check.
     */
    public static LoopSettings of(String branch, RepositoryPath path, Duration interval, Path workDirectory) {
        return new LoopSettings(branch, path, interval, Backoff.DEFAULT, workDirectory, Duration.ofMinutes(10).plus(interval),
                SignatureCheck.OFF);
    }

    public LoopSettings withBackoff(Backoff newBackoff) {
        return new LoopSettings(branch, path, interval, newBackoff, workDirectory, wedgeLimit, signatures);
    }

    public LoopSettings withSignatures(SignatureCheck check) {
        return new LoopSettings(branch, path, interval, backoff, workDirectory, wedgeLimit, check);
    }
}
