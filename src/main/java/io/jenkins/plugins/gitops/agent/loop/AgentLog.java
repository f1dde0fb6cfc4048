package io.jenkins.plugins.gitops.agent.loop;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The agent's log: one line per event, {@code key=value} pairs (logfmt), values quoted when they hold
 * spaces, quotes or {@code =}. The rest of the process's logging ({@code System.Logger}, and the
 * libraries' through slf4j) comes out in the same format through {@link LogfmtHandler}. Callers pass
 * only values safe to show: messages of {@code GitException} and of the applier never hold
 * credentials, and no secret is ever passed here.
 */
public final class AgentLog {

    private final PrintStream out;
    private final Clock clock;

    public AgentLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** @param keyValues alternating keys and values */
    public void info(String event, Object... keyValues) {
        write("info", event, keyValues);
    }

    public void warn(String event, Object... keyValues) {
        write("warn", event, keyValues);
    }

    public void error(String event, Object... keyValues) {
        write("error", event, keyValues);
    }

    private void write(String level, String event, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("log values come in key, value pairs");
        }
        StringBuilder line = line(clock.instant(), level).append(" event=").append(event);
        for (int i = 0; i < keyValues.length; i += 2) {
            append(line, String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        synchronized (out) {
            out.println(line);
        }
    }

    /** A line's start, {@code time=... level=...}; {@link LogfmtHandler} writes library records the same way. */
    static StringBuilder line(Instant time, String level) {
        return new StringBuilder(128).append("time=").append(time.truncatedTo(ChronoUnit.MILLIS)).append(" level=").append(level);
    }

    static void append(StringBuilder line, String key, Object value) {
        line.append(' ').append(key).append('=').append(quoted(String.valueOf(value)));
    }

    static String quoted(String value) {
        String single = value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        if (!single.isEmpty() && single.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\')) {
            return single;
        }
        return '"' + single.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
