package io.jenkins.plugins.gitops.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.testing.LogfmtLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the agent process logs besides its events: System.Logger, java.util.logging and slf4j records. */
class LogfmtHandlerTest {

    private static final Logger ROOT = Logger.getLogger("");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Handler[] handlers;
    private Level level;
    private Thread.UncaughtExceptionHandler uncaught;

    @BeforeEach
    void install() {
        handlers = ROOT.getHandlers();
        level = ROOT.getLevel();
        uncaught = Thread.getDefaultUncaughtExceptionHandler();
        LogfmtHandler.install(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        for (Handler handler : handlers) {
            ROOT.addHandler(handler);
        }
        ROOT.setLevel(level);
        Thread.setDefaultUncaughtExceptionHandler(uncaught);
    }

    @Test
    void systemLoggerJulSlf4jAndUncaughtExceptionsAreOneLogfmtLineEachWithTheCauseChainAndNoStackTrace() throws Exception {
        System.getLogger("io.jenkins.plugins.gitops.agent.watch.DriftWatch")
                .log(System.Logger.Level.WARNING, "Cannot list {0} {1}: {2}", "v1", "Pod", "the server said\nno");
        Logger.getLogger("io.jenkins.plugins.gitops.report.ReportSender").log(Level.SEVERE, "Report delivery failed",
                new UncheckedIOException(new IOException("cannot send", new ConnectException("Connection refused"))));
        LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers").info("Watch {} started", "pods");
        Logger.getLogger("io.fabric8.kubernetes.client").fine("not shown below INFO");
        LoggerFactory.getLogger("org.apache.sshd.client.session").info("key exchange, not shown below WARN");
        Thread dying = new Thread(() -> {
            throw new IllegalStateException("lost");
        }, "gitops-test");
        dying.start();
        dying.join();

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();

        LogfmtLines.assertEveryLineIsOneEvent(lines);
        assertThat(lines).hasSize(4);
        assertThat(LogfmtLines.parse(lines.get(0)).orElseThrow()).containsEntry("level", "warn")
                .containsEntry("logger", "io.jenkins.plugins.gitops.agent.watch.DriftWatch")
                .containsEntry("msg", "Cannot list v1 Pod: the server said no");
        assertThat(LogfmtLines.parse(lines.get(1)).orElseThrow()).containsEntry("level", "error")
                .containsEntry("msg", "Report delivery failed")
                .containsEntry("err", "java.io.UncheckedIOException: java.io.IOException: cannot send"
                        + "; caused by java.io.IOException: cannot send; caused by java.net.ConnectException: Connection refused");
        assertThat(LogfmtLines.parse(lines.get(2)).orElseThrow()).containsEntry("level", "info")
                .containsEntry("logger", "io.fabric8.kubernetes.client.informers").containsEntry("msg", "Watch pods started");
        assertThat(LogfmtLines.parse(lines.get(2)).orElseThrow().keySet()).containsExactly("time", "level", "logger", "msg");
        assertThat(LogfmtLines.parse(lines.get(3)).orElseThrow()).containsEntry("level", "error")
                .containsEntry("msg", "thread gitops-test died").containsEntry("err", "java.lang.IllegalStateException: lost");
    }
}
