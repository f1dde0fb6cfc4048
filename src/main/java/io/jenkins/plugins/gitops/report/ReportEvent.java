package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the agent did.
 *
 * @param type what kind of action
 * @param time when it happened
 * @param message what happened, for a person
 */
public record ReportEvent(EventType type, Instant time, String message) {

    public ReportEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
    }
}
