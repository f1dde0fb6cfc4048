package io.jenkins.plugins.gitops.sync;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a Pipeline step waits for a sync, written as {@code 90s}, {@code 10m} or {@code 1h}. */
public final class WaitTimeout {

    /** When a step names no timeout. */
    public static final String DEFAULT = "10m";

    /** Longer waits belong in a later stage, not in one step holding its build. */
    static final Duration MAXIMUM = Duration.ofHours(24);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})([smh])");

    private WaitTimeout() {}

    /**
     * @param text {@code null} or blank for {@link #DEFAULT}
     * @throws IllegalArgumentException naming the field and the value, when it is not a positive duration of at
     *     most 24 hours in that form
     */
    public static Duration parse(String text) {
        String value = written(text);
        Matcher form = FORM.matcher(value);
        if (!form.matches()) {
            throw new IllegalArgumentException(
                    "timeout: expected a number and a unit s, m or h (for example 10m), not '" + value + "'");
        }
        long amount = Long.parseLong(form.group(1));
        Duration duration = switch (form.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero() || duration.compareTo(MAXIMUM) > 0) {
            throw new IllegalArgumentException("timeout: must be more than 0 and at most 24h, not '" + value + "'");
        }
        return duration;
    }

    /** The timeout as the step's messages name it: {@link #DEFAULT} when none was given. */
    public static String written(String text) {
        return text == null || text.isBlank() ? DEFAULT : text.strip();
    }
}
