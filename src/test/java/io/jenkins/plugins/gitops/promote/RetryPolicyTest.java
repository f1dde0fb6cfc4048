package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(2));
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void theFirstAttemptStartsAtOnce() {
        assertThat(policy.delayBefore(1, Duration.ZERO, random)).isZero();
    }

    @Test
    void waitsDoubleWithEachAttemptWithinAJitteredHalf() {
        for (int attempt = 2; attempt <= 5; attempt++) {
            long ceiling = 100L << (attempt - 2);
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delayBefore(attempt, Duration.ZERO, random).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToLong(i -> policy.delayBefore(4, Duration.ZERO, random).toMillis())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void slowAttemptsStretchTheWaitUpToTheCap() {
        assertThat(policy.delayBefore(2, Duration.ofMillis(800), random).toMillis()).isBetween(400L, 800L);
        assertThat(policy.delayBefore(8, Duration.ofSeconds(30), random).toMillis()).isBetween(1000L, 2000L);
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts 0 must be at least 1");
    }
}
