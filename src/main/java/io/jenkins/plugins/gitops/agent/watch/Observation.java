package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import java.util.Objects;

/**
 * How one desired object was found live at its latest evaluation.
 *
 * @param drift its comparison with Git, secret values already masked
 * @param health its health as the live object shows it
 */
public record Observation(ObjectDrift drift, Health health) {

    public Observation {
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(health, "health");
    }
}
