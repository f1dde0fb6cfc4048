package io.jenkins.plugins.gitops.report;

import java.util.Objects;

/**
 * Where a report stands among the reports one agent process signed: Jenkins orders reports by when it
 * received them, and uses this only to put a late delivery of the same run behind its successors. The
 * agent's clock plays no part in the order.
 *
 * @param run drawn once when the agent's report sender starts; a restarted agent has a new run
 * @param number counts the reports of the run, from 1
 */
public record ReportSequence(String run, long number) {

    /** Long enough for a UUID and not much more: it is echoed on pages and in logs. */
    public static final int MAX_RUN_LENGTH = 64;

    public ReportSequence {
        Objects.requireNonNull(run, "run");
        if (run.isEmpty() || run.length() > MAX_RUN_LENGTH) {
            throw new IllegalArgumentException("run must be 1 to " + MAX_RUN_LENGTH + " characters");
        }
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1, not " + number);
        }
    }

    /** True when both reports were signed by one run and this one was signed after {@code other}. */
    public boolean follows(ReportSequence other) {
        return other != null && run.equals(other.run) && number > other.number;
    }
}
