package io.jenkins.plugins.gitops.agent;

import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How one agent runs.
 *
 * @param loop what the loop watches and how often
 * @param election leader election on a Lease, or empty for a single agent that always leads
 * @param httpAddress where {@code /healthz}, {@code /readyz}, {@code /metrics} (and {@code /hooks/git}) are served
 * @param hookSecret the secret of {@code POST /hooks/git}; empty leaves the hook off
 */
public record AgentSettings(LoopSettings loop, Optional<LeaseLeadership.Settings> election,
        InetSocketAddress httpAddress, Optional<byte[]> hookSecret) {

    public AgentSettings {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(election, "election");
        Objects.requireNonNull(httpAddress, "httpAddress");
        Objects.requireNonNull(hookSecret, "hookSecret");
    }

    @Override
    public String toString() {
        return "AgentSettings[loop=" + loop + ", election=" + election + ", httpAddress=" + httpAddress
                + ", hookSecret=" + (hookSecret.isPresent() ? "****" : "none") + "]";
    }
}
