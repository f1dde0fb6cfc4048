package io.jenkins.plugins.gitops.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesFromTheInitialWaitUpToTheCap() {
        assertThat(backoff.delay(1, () -> 0.999_999)).isEqualTo(Duration.ofMillis(999));
        assertThat(backoff.delay(2, () -> 0.999_999)).isEqualTo(Duration.ofMillis(1999));
        assertThat(backoff.delay(5, () -> 0.999_999)).isEqualTo(Duration.ofMillis(15_999));
        assertThat(backoff.delay(6, () -> 0.999_999)).isEqualTo(Duration.ofMillis(29_999));
        assertThat(backoff.delay(1_000, () -> 0.999_999)).isEqualTo(Duration.ofMillis(29_999));
    }

    @Test
    void jitterWaitsBetweenHalfAndAllOfTheCeiling() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(1_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(0, () -> 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
