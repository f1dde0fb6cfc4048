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
 * @param allowEmptyRevision whether a revision that renders no object may be applied over objects the agent
 *     applied before, pruning them all; refused otherwise, since an empty render is far more often a mistake
 *     (a misnamed directory, manifests the renderer does not read) than a wish to delete everything
 * @param signatures which commits must be signed by a trusted key before a revision is applied
 */
public record LoopSettings(String branch, RepositoryPath path, Duration interval, Backoff backoff, Path workDirectory,
        Duration wedgeLimit, boolean allowEmptyRevision, SignatureCheck signatures) {

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
     * Defaults: {@link Backoff#DEFAULT}, no empty revision over applied objects, no signature check, and 10 minutes
     * plus the interval before the loop counts as wedged (git and kustomize each give up after a minute; a large
     * apply takes a few more).
     */
    public static LoopSettings of(String branch, RepositoryPath path, Duration interval, Path workDirectory) {
        return new LoopSettings(branch, path, interval, Backoff.DEFAULT, workDirectory, Duration.ofMinutes(10).plus(interval), false,
                SignatureCheck.OFF);
    }

    public LoopSettings withBackoff(Backoff newBackoff) {
        return new LoopSettings(branch, path, interval, newBackoff, workDirectory, wedgeLimit, allowEmptyRevision, signatures);
    }

    public LoopSettings withAllowEmptyRevision(boolean allow) {
        return new LoopSettings(branch, path, interval, backoff, workDirectory, wedgeLimit, allow, signatures);
    }

    public LoopSettings withSignatures(SignatureCheck check) {
        return new LoopSettings(branch, path, interval, backoff, workDirectory, wedgeLimit, allowEmptyRevision, check);
    }
}
