package io.jenkins.plugins.gitops.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final long MS = 1_000_000L;

    private final Debouncer<String> debouncer = new Debouncer<>(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void aKeyIsDueOnceItHasBeenQuietForTheQuietPeriod() {
        assertThat(debouncer.touch("web", 0)).isEqualTo(200 * MS);

        assertThat(debouncer.takeDue(199 * MS)).isEmpty();
        assertThat(debouncer.takeDue(200 * MS)).containsExactly("web");
        assertThat(debouncer.nextDue()).isEmpty();
    }

    @Test
    void everyChangeRestartsTheQuietPeriod() {
        debouncer.touch("web", 0);
        debouncer.touch("web", 150 * MS);

        assertThat(debouncer.takeDue(300 * MS)).isEmpty();
        assertThat(debouncer.takeDue(350 * MS)).containsExactly("web");
    }

    @Test
    void aKeyThatKeepsChangingIsDueAfterTheMaximumDelay() {
        for (long t = 0; t <= 1_100; t += 100) {
            debouncer.touch("web", t * MS);
        }

        assertThat(debouncer.takeDue(1_100 * MS)).containsExactly("web");
    }

    @Test
    void keysAreDebouncedEachOnItsOwnAndTheNextDueIsTheEarliest() {
        debouncer.touch("web", 0);
        debouncer.touch("config", 100 * MS);
        debouncer.touch("web", 150 * MS);

        assertThat(debouncer.nextDue()).hasValue(300 * MS);
        assertThat(debouncer.takeDue(300 * MS)).containsExactly("config");
        assertThat(debouncer.takeDue(350 * MS)).containsExactly("web");
    }

    @Test
    void holdsOneEntryPerKeyHoweverOftenItIsTouched() {
        for (int i = 0; i < 10_000; i++) {
            debouncer.touch("key-" + (i % 3), i);
        }

        assertThat(debouncer.takeDue(Long.MAX_VALUE / 2)).containsExactly("key-0", "key-1", "key-2");
    }
}
