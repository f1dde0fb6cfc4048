package io.jenkins.plugins.gitops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the agent's log lines back: logfmt, {@code key=value} or {@code key="quoted \" value"}, space-separated. */
public final class LogfmtLines {

    private static final Pattern PAIR = Pattern.compile("([a-z_]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\"=\\\\]+))(?: |$)");

    private LogfmtLines() {}

    /** The line's pairs in order, or empty when it is not logfmt through and through. */
    public static Optional<Map<String, String>> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher pair = PAIR.matcher(line);
        int at = 0;
        while (at < line.length()) {
            if (!pair.find(at) || pair.start() != at) {
                return Optional.empty();
            }
            pairs.put(pair.group(1), pair.group(3) != null ? pair.group(3).replaceAll("\\\\(.)", "$1") : pair.group(4));
            at = pair.end();
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs);
    }

    /** Every line is one logfmt event: a time, a level, and an event name or a message. */
    public static void assertEveryLineIsOneEvent(List<String> lines) {
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(parse(line)).as("a logfmt line: %s", line)
                .hasValueSatisfying(pairs -> assertThat(pairs.keySet()).contains("time", "level").containsAnyOf("event", "msg")));
    }
}
