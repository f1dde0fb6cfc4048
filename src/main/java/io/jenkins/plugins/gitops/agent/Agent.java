package io.jenkins.plugins.gitops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.ReconcileListener;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.server.AgentServer;
import io.jenkins.plugins.gitops.agent.server.GitHookVerifier;
import io.jenkins.plugins.gitops.agent.server.Metrics;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.report.ReportSender;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running agent: the reconcile loop, leader election and the HTTP server, wired together. The
 * caller owns the Kubernetes client and the repository and closes them after the agent.
 */
public final class Agent implements AutoCloseable {

    private final ReconcileLoop loop;
    private final Leadership leadership;
    private final Optional<LeaseLeadership> election;
    private final AgentServer server;

    private Agent(ReconcileLoop loop, Leadership leadership, Optional<LeaseLeadership> election, AgentServer server) {
        this.loop = loop;
        this.leadership = leadership;
        this.election = election;
        this.server = server;
    }

    /**
     * Starts the agent: stands for election (when configured), serves HTTP, and starts the loop.
     *
     * @param applier the applier the loop applies with; the drift watch corrects through the same one, whose
     *     applies are serialised
     * @param listeners told after every round, before the first round runs (the drift watch is one)
     * @param reports the sender the agent reports through, for its counters in {@code /metrics}
     * @throws IOException when the HTTP address cannot be bound
     */
    public static Agent start(KubernetesClient client, ConfigRepository repository, RevisionRenderer renderer, Applier applier,
            AgentSettings settings, AgentLog log, Clock clock, List<ReconcileListener> listeners, Optional<ReportSender> reports) throws IOException {
        AtomicReference<ReconcileLoop> started = new AtomicReference<>();
        Optional<LeaseLeadership> election = settings.election().map(lease -> LeaseLeadership.start(client, lease, () -> {
            ReconcileLoop loop = started.get();
            if (loop != null) {
                loop.triggerNow();
            }
        }, log));
        Leadership leadership = election.<Leadership>map(lease -> lease).orElse(Leadership.ALWAYS);
        ReconcileLoop loop = new ReconcileLoop(repository, settings.loop(), renderer,
                applier, leadership, log, clock);
        Metrics metrics = new Metrics(reports);
        loop.addListener(metrics);
        listeners.forEach(loop::addListener);
        AgentServer server;
        try {
            server = AgentServer.start(settings.httpAddress(), loop, leadership, metrics,
                    settings.hookSecret().map(secret -> new GitHookVerifier(secret, clock)), log);
        } catch (IOException | RuntimeException e) {
            election.ifPresent(LeaseLeadership::close);
            throw e;
        }
        started.set(loop);
        loop.start();
        log.info("agent_started", "repository", repository.url(), "branch", settings.loop().branch(),
                "path", settings.loop().path(), "interval_s", settings.loop().interval().toSeconds(),
                "strategy", applier.settings().strategy().name(), "prune", applier.settings().prune(),
                "inventory", applier.settings().inventoryName(), "leader_election", election.isPresent(),
                "lease", settings.election().map(LeaseLeadership.Settings::leaseName).orElse(""), "http_port", server.port());
        return new Agent(loop, leadership, election, server);
    }

    public ReconcileLoop loop() {
        return loop;
    }

    /** Whether this replica may write now; the drift watch corrects only while this holds. */
    public Leadership leadership() {
        return leadership;
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return server.port();
    }

    /** Stops the loop, then gives up leadership (a graceful stop), then stops serving. */
    @Override
    public void close() {
        loop.close();
        election.ifPresent(LeaseLeadership::close);
        server.close();
    }
}
