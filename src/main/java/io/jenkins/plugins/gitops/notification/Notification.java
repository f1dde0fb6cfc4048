package io.jenkins.plugins.gitops.notification;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One transition of one environment, as a triggered build receives it.
 *
 * @param revision the revision the report names
 * @param drifted the drifted and missing resources in one line ({@link TransitionDetector#driftedLine}); empty when none
 */
public record Notification(String environment, Transition transition, String revision, SyncPhase phase, Health health,
        String drifted) {

    public Notification {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(drifted, "drifted");
    }

    /** The build's parameters, by name, in a fixed order. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("GITOPS_ENVIRONMENT", environment);
        parameters.put("GITOPS_TRANSITION", transition.id());
        parameters.put("GITOPS_REVISION", revision);
        parameters.put("GITOPS_PHASE", phase.wireName());
        parameters.put("GITOPS_HEALTH", health.wireName());
        parameters.put("GITOPS_DRIFTED", drifted);
        return parameters;
    }

    /** {@code staging: Drift appears at abc1234}: the cause a build page shows. */
    public String describe() {
        return environment + ": " + transition.title() + " at " + CommitId.abbreviate(revision);
    }
}
