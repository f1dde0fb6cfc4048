package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.drift.IgnoreRule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the drift watch behaves.
 *
 * @param mode correct drift or only report it
 * @param ignoreRules fields whose drift is not reported (nor corrected)
 * @param quietPeriod how long an object must stay unchanged before it is evaluated, so a burst of
 *     writes (a rollout, an editor saving twice) gives one evaluation
 * @param maxDelay the longest a changed object waits for evaluation however often it keeps changing
 * @param resyncInterval how often every object is read afresh from the API server and evaluated, in
 *     case a watch missed something; each resync also sends a report, so Jenkins sees the agent alive
 * @param correctionInterval the least time between two corrections of one object, so the agent does
 *     not fight another writer in a tight loop
 */
public record WatchSettings(
        WatchMode mode,
        List<IgnoreRule> ignoreRules,
        Duration quietPeriod,
        Duration maxDelay,
        Duration resyncInterval,
        Duration correctionInterval) {

    public WatchSettings {
        Objects.requireNonNull(mode, "mode");
        ignoreRules = List.copyOf(ignoreRules);
        positive(quietPeriod, "quietPeriod");
        positive(maxDelay, "maxDelay");
        positive(resyncInterval, "resyncInterval");
        positive(correctionInterval, "correctionInterval");
        if (maxDelay.compareTo(quietPeriod) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than quietPeriod " + quietPeriod);
        }
    }

    /** 200 ms quiet period, 1 s at most, a resync every 5 minutes, one correction per object per 10 s. */
    public static WatchSettings defaults(WatchMode mode, List<IgnoreRule> ignoreRules) {
        return new WatchSettings(mode, ignoreRules, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10));
    }

    public WatchSettings withResyncInterval(Duration interval) {
        return new WatchSettings(mode, ignoreRules, quietPeriod, maxDelay, interval, correctionInterval);
    }

    public WatchSettings withCorrectionInterval(Duration interval) {
        return new WatchSettings(mode, ignoreRules, quietPeriod, maxDelay, resyncInterval, interval);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
