package io.jenkins.plugins.gitops.agent.watch;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the drift watch does about drift it finds. */
public enum WatchMode {
    /** Self-heal: re-apply the revision so the drifted object matches Git again, and record {@code corrected}. */
    CORRECT("correct"),
    /** Leave the cluster alone and keep reporting the drift. */
    REPORT_ONLY("report-only");

    private final String configName;

    WatchMode(String configName) {
        this.configName = configName;
    }

    /** {@code correct} or {@code report-only}, as the agent's configuration writes it. */
    public String configName() {
        return configName;
    }

    /**
     * The mode a configuration names.
     *
     * @throws IllegalArgumentException one line naming the value and the accepted ones
     */
    public static WatchMode parse(String text) {
        return Arrays.stream(values())
                .filter(mode -> mode.configName.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("drift mode '" + text + "' is not one of "
                        + Arrays.stream(values()).map(WatchMode::configName).collect(Collectors.joining(", "))));
    }
}
