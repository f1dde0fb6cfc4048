package io.jenkins.plugins.gitops.agent.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter and a cap: after the n-th consecutive failure the next attempt
 * waits a random time between half and all of {@code min(cap, initial * 2^(n-1))}. The jitter keeps
 * the replicas of many agents from retrying a recovering server in step.
 *
 * @param initial the wait after the first failure, at most
 * @param cap the longest wait
 */
public record Backoff(Duration initial, Duration cap) {

    /** 1 s doubling to 5 min: a git server or API server back within minutes is retried promptly. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap, got " + initial + " and " + cap);
        }
    }

    /**
     * The wait before the next attempt.
     *
     * @param failures consecutive failures so far, at least 1
     * @param random a uniform number in [0, 1)
     */
    public Duration delay(int failures, DoubleSupplier random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        long capMillis = cap.toMillis();
        long ceiling = initial.toMillis();
        for (int i = 1; i < failures && ceiling < capMillis; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, capMillis);
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
    }
}
