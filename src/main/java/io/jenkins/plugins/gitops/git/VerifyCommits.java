package io.jenkins.plugins.gitops.git;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which commits of a revision must carry a good signature by a trusted key before the revision is applied. */
public enum VerifyCommits {
    /** Nothing is verified. */
    OFF,
    /** The branch tip only. */
    HEAD,
    /** Every commit the tip adds to the revision applied before it (on the first apply, the tip). */
    ALL;

    /** {@code off}, {@code head} or {@code all}, as the agent's flag spells it. */
    public static VerifyCommits parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.label().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of "
                        + Arrays.stream(values()).map(VerifyCommits::label).collect(Collectors.joining(", "))));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
