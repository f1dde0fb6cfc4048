package io.jenkins.plugins.gitops.agent.health;

import java.util.Objects;

/**
 * The health of one live object with a one-line reason a person can act on.
 *
 * @param status the verdict
 * @param message one line, for example {@code 2 of 3 updated replicas are available}
 */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }
}
