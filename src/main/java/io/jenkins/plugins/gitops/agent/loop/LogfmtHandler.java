package io.jenkins.plugins.gitops.agent.loop;

import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.StringJoiner;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Writes java.util.logging records as {@link AgentLog} writes its events, one logfmt line each:
 * {@code time level logger msg}, and {@code err} with the exception's cause chain on the same line
 * (no stack trace). {@code System.Logger} logs through java.util.logging, and so does slf4j (fabric8,
 * JGit, Netty) with the slf4j-jdk14 binding, so once {@link #install installed} every line the process
 * logs is logfmt.
 */
public final class LogfmtHandler extends Handler {

    private static final Logger ROOT = Logger.getLogger("");
    // Held so that the level stays: java.util.logging keeps loggers only weakly.
    private static final Logger SSHD = Logger.getLogger("org.apache.sshd");
    private static final Logger UNCAUGHT = Logger.getLogger("uncaught");
    // Only its formatMessage: {0} parameters and resource bundles as java.util.logging means them.
    private static final Formatter MESSAGE = new SimpleFormatter();

    private final PrintStream out;

    LogfmtHandler(PrintStream out) {
        this.out = out;
    }

    /** Makes {@code out} the only place records go, at INFO and above, and an uncaught exception one of them. */
    public static void install(PrintStream out) {
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        ROOT.addHandler(new LogfmtHandler(out));
        ROOT.setLevel(Level.INFO);
        // JGit's SSH client (Apache MINA sshd) tells of every key exchange at INFO.
        SSHD.setLevel(Level.WARNING);
        // Not the JDK's stack trace on stderr when a thread dies.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> UNCAUGHT.log(Level.SEVERE, e, () -> "thread " + thread.getName() + " died"));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringBuilder line = AgentLog.line(record.getInstant(), level(record.getLevel()));
        AgentLog.append(line, "logger", record.getLoggerName());
        AgentLog.append(line, "msg", MESSAGE.formatMessage(record));
        if (record.getThrown() != null) {
            AgentLog.append(line, "err", causes(record.getThrown()));
        }
        synchronized (out) {
            out.println(line);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }

    private static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return value >= Level.FINE.intValue() ? "debug" : "trace";
    }

    /** {@code Outer: message; caused by Inner: message}, each cause once. */
    private static String causes(Throwable thrown) {
        StringJoiner chain = new StringJoiner("; caused by ");
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = thrown; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause.toString());
        }
        return chain.toString();
    }
}
