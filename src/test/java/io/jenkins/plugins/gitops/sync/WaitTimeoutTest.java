package io.jenkins.plugins.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTimeoutTest {

    @Test
    void readsSecondsMinutesAndHoursAndDefaultsToTenMinutes() {
        assertThat(WaitTimeout.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(WaitTimeout.parse(" 15m ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(WaitTimeout.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(WaitTimeout.parse(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(WaitTimeout.parse("")).isEqualTo(Duration.ofMinutes(10));
        assertThat(WaitTimeout.written(" ")).isEqualTo("10m");
        assertThat(WaitTimeout.written(" 90s")).isEqualTo("90s");
    }

    @Test
    void refusesOtherFormsZeroAndMoreThanADay() {
        assertThatThrownBy(() -> WaitTimeout.parse("600"))
                .hasMessage("timeout: expected a number and a unit s, m or h (for example 10m), not '600'");
        assertThatThrownBy(() -> WaitTimeout.parse("10 minutes")).hasMessageStartingWith("timeout: expected");
        assertThatThrownBy(() -> WaitTimeout.parse("0s")).hasMessage("timeout: must be more than 0 and at most 24h, not '0s'");
        assertThatThrownBy(() -> WaitTimeout.parse("25h")).hasMessage("timeout: must be more than 0 and at most 24h, not '25h'");
    }
}
