package io.jenkins.plugins.gitops.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AgentLogTest {

    @Test
    void writesOneLogfmtLinePerEventQuotingWhatNeedsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-22T03:00:00.123456Z"), ZoneOffset.UTC));

        log.warn("reconcile_failed", "kind", "git", "error", "cannot reach \"git.example.com\"\nconnection refused", "empty", "");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("time=2026-11-22T03:00:00.123Z level=warn"
                + " event=reconcile_failed kind=git error=\"cannot reach \\\"git.example.com\\\" connection refused\" empty=\"\""
                + System.lineSeparator());
    }
}
