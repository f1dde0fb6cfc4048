package io.jenkins.plugins.gitops.promote;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often a promotion starts over after the branch moved under it, and how long it waits first:
 * exponential backoff with jitter, so that promotions racing for one branch spread out instead of
 * colliding again in step.
 *
 * @param maxAttempts how many times the tip is fetched and the edit applied, at least 1
 * @param firstDelay the shortest ceiling of the wait before the second attempt; each further wait can be
 *     twice as long
 * @param maxDelay the cap on any one wait
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(15));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
    }

    /**
     * The wait before {@code attempt} (2 or more). Its ceiling is the longer of {@code firstDelay} and
     * the previous attempt's duration, doubled for each further attempt and capped at {@code maxDelay};
     * a random half or more of the ceiling is used. Scaling by the attempt's duration keeps racing
     * promotions apart on a slow server or a busy machine as well as on a fast one: two promotions
     * collide when one fetches while the other is between its fetch and its push.
     */
    public Duration delayBefore(int attempt, Duration previousAttempt, RandomGenerator random) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        long cap = maxDelay.toMillis();
        long ceiling = Math.min(cap, Math.max(firstDelay.toMillis(), previousAttempt.toMillis()));
        for (int i = 2; i < attempt && ceiling < cap; i++) {
            ceiling = Math.min(cap, ceiling * 2);
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
