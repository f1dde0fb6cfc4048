package io.jenkins.plugins.gitops.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void modesAreNamedAsTheConfigurationWritesThem() {
        assertThat(WatchMode.parse("correct")).isEqualTo(WatchMode.CORRECT);
        assertThat(WatchMode.parse("report-only")).isEqualTo(WatchMode.REPORT_ONLY);
        assertThatThrownBy(() -> WatchMode.parse("heal"))
                .hasMessage("drift mode 'heal' is not one of correct, report-only");
    }

    @Test
    void aMaximumDelayShorterThanTheQuietPeriodIsRefused() {
        assertThatThrownBy(() -> new WatchSettings(WatchMode.CORRECT, List.of(), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(10)))
                .hasMessage("maxDelay PT1S is shorter than quietPeriod PT2S");
    }

    @Test
    void theSecretFileIsReadAsItsExactBytes() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "s3cret\n");

        assertThat(new ReportTarget(URI.create("http://127.0.0.1:1/gitops/report"), file).readSecret())
                .isEqualTo("s3cret\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingOrEmptySecretFileIsOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("absent");
        Path empty = Files.createFile(dir.resolve("empty"));
        URI endpoint = URI.create("http://127.0.0.1:1/gitops/report");

        assertThatThrownBy(() -> new ReportTarget(endpoint, missing).open())
                .hasMessage("report secret file " + missing + ": cannot be read (NoSuchFileException)");
        assertThatThrownBy(() -> new ReportTarget(endpoint, empty).open())
                .hasMessage("report secret file " + empty + " is empty");
    }
}
