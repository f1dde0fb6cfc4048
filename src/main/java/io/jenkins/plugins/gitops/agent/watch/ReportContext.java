package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.report.AgentIdentity;
import java.util.Objects;

/**
 * What every report of one agent says about where it stands: fixed for the agent's lifetime.
 *
 * @param environment the environment's name
 * @param agent this agent instance
 * @param repository the config repository URL, without credentials
 * @param branch the branch the agent follows
 * @param path the directory inside the repository ({@code "."} for its root)
 */
public record ReportContext(String environment, AgentIdentity agent, String repository, String branch, String path) {

    public ReportContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
    }
}
