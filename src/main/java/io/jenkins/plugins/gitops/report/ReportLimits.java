package io.jenkins.plugins.gitops.report;

import java.time.Duration;

/**
 * The bounds a receiver holds every report to, so that a hostile or broken sender cannot make it spend
 * unbounded memory or time. The sender keeps within them too.
 */
public final class ReportLimits {

    /** Bodies over 1 MiB are refused with 413 before they are parsed. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * JSON nesting depth. The report's own structure reaches depth 5 at a diff's value; 64 leaves
     * Kubernetes objects ample room while keeping parsing cheap.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Resources listed in one report; a sender counts the others ({@link ReportBudget}, {@link Omitted}). */
    public static final int MAX_RESOURCES = 10_000;

    /** Commits in {@code source.appliedCommits}. */
    public static final int MAX_APPLIED_COMMITS = 500;

    /** Events in one report; a sender with more pending carries the rest into its next reports. */
    public static final int MAX_EVENTS = 1_000;

    /** Length of one object field name. */
    public static final int MAX_NAME_LENGTH = 1_024;

    /** Timestamps further than this from the receiver's clock, either way, are refused. */
    public static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(300);

    /**
     * How far a report's {@code generatedAt} may be after the timestamp it was signed with. Both come from the
     * agent's clock and a report is written before it is signed, so only a clock step explains a little; more
     * is refused. An earlier {@code generatedAt} is fine: a retry is signed again, hours later if need be.
     */
    public static final Duration GENERATED_AT_LEAD = Duration.ofSeconds(60);

    private ReportLimits() {}
}
