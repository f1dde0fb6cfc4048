package io.jenkins.plugins.gitops.notification;

import io.jenkins.plugins.gitops.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one configured trigger remembers: the environments it follows (all when none are named), the
 * transitions it notifies, and each environment's {@link EnvironmentState}. Starting from the reports
 * already stored notifies nothing they showed; each report accepted afterwards is passed on and may
 * notify. Safe for the threads that store reports.
 */
public final class TriggerState {

    /** How long an incident must stay away to be over, unless configured otherwise. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(5);

    private final Set<String> environments;
    private final TransitionDetector detector;
    private final Map<String, EnvironmentState> states = new HashMap<>();

    /**
     * @param environments the environments to follow; every one when empty
     * @param stored the latest stored report of each environment, which the trigger starts from
     */
    public TriggerState(Set<String> environments, Set<Transition> transitions, Duration quietPeriod, Collection<Report> stored,
            Instant now) {
        this.environments = Set.copyOf(environments);
        this.detector = new TransitionDetector(transitions, quietPeriod);
        stored.stream().filter(this::follows)
                .forEach(report -> states.put(report.environment(), detector.stateAfter(report, now)));
    }

    /** The notifications an accepted report makes; none for an environment not followed. */
    public synchronized List<Notification> accept(Report report, Instant now) {
        if (!follows(report)) {
            return List.of();
        }
        TransitionDetector.Step step = detector.next(states.getOrDefault(report.environment(), EnvironmentState.NONE), report, now);
        states.put(report.environment(), step.state());
        return step.notifications();
    }

    private boolean follows(Report report) {
        return environments.isEmpty() || environments.contains(report.environment());
    }
}
