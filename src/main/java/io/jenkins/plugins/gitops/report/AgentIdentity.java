package io.jenkins.plugins.gitops.report;

import java.util.Objects;

/**
 * The agent that wrote a report.
 *
 * @param id a stable name of the agent instance, for example its pod name
 * @param version the agent's version
 */
public record AgentIdentity(String id, String version) {

    public AgentIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
