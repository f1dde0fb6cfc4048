package io.jenkins.plugins.gitops.agent.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease with fabric8's {@link LeaderElector}: the
 * replica holding the Lease is the leader and the only one that writes; the others keep serving
 * health and take over once the Lease has not been renewed for its duration. An agent that lost
 * leadership stands for election again.
 */
public final class LeaseLeadership implements Leadership, AutoCloseable {

    /**
     * @param namespace the agent's namespace, where the Lease lives
     * @param leaseName the Lease's name, shared by the replicas of one agent
     * @param identity this replica's name (the pod name)
     * @param leaseDuration how long followers wait after the last renewal before taking over
     * @param renewDeadline how long the leader keeps trying to renew before it steps down; shorter than the duration
     * @param retryPeriod how often candidates try and the leader renews
     * @param releaseOnClose whether {@link #close()} gives the Lease up at once (a graceful stop); without it
     *     followers wait out the lease duration, as after a crash
     */
    public record Settings(String namespace, String leaseName, String identity, Duration leaseDuration, Duration renewDeadline,
            Duration retryPeriod, boolean releaseOnClose) {

        public Settings {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(leaseName, "leaseName");
            Objects.requireNonNull(identity, "identity");
            if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
                throw new IllegalArgumentException("leader election needs retry period < renew deadline < lease duration");
            }
        }

        /**
         * The Lease of {@code environment}'s agent: {@code gitops-agent-<environment>}, or {@code gitops-agent}
         * without one, so agents of several environments in one namespace each elect their own leader.
         */
        public static String leaseNameOf(String environment) {
            return environment.isEmpty() ? "gitops-agent" : "gitops-agent-" + environment;
        }

        /** Kubernetes' own controllers' timing: 15 s lease, 10 s renew deadline, 2 s retry; released on a graceful stop. */
        public static Settings defaults(String namespace, String leaseName, String identity) {
            return new Settings(namespace, leaseName, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
                    Duration.ofSeconds(2), true);
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Runnable onStartLeading;
    private final AgentLog log;
    private volatile boolean leader;
    private volatile String currentLeader = "";
    private volatile boolean closed;
    private CompletableFuture<?> running;

    private LeaseLeadership(KubernetesClient client, Settings settings, Runnable onStartLeading, AgentLog log) {
        this.client = client;
        this.settings = settings;
        this.onStartLeading = onStartLeading;
        this.log = log;
    }

    /**
     * Stands for election in the background.
     *
     * @param onStartLeading run when this replica becomes the leader (the loop starts a round at once)
     */
    public static LeaseLeadership start(KubernetesClient client, Settings settings, Runnable onStartLeading, AgentLog log) {
        LeaseLeadership leadership = new LeaseLeadership(client, settings, onStartLeading, log);
        leadership.elect();
        return leadership;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    /** The identity holding the Lease as last seen; empty when unknown. */
    public String currentLeader() {
        return currentLeader;
    }

    public Settings settings() {
        return settings;
    }

    private synchronized void elect() {
        if (closed) {
            return;
        }
        LeaderElector elector = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        .withReleaseOnCancel(settings.releaseOnClose())
                        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                        .build())
                .build();
        running = elector.start();
        // The elector's future ends when leadership is lost; stand again, after a pause, unless closing.
        running.whenComplete((ignored, error) -> {
            if (!closed) {
                CompletableFuture.runAsync(this::elect,
                        CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS));
            }
        });
    }

    private void startedLeading() {
        leader = true;
        log.info("leader_elected", "identity", settings.identity(), "lease", settings.namespace() + "/" + settings.leaseName());
        onStartLeading.run();
    }

    private void stoppedLeading() {
        if (leader) {
            log.warn("leadership_lost", "identity", settings.identity());
        }
        leader = false;
    }

    private void newLeader(String identity) {
        currentLeader = identity == null ? "" : identity;
        if (!settings.identity().equals(identity)) {
            log.info("following", "identity", settings.identity(), "leader", currentLeader);
        }
    }

    /** Stops standing for election; gives the Lease up when {@link Settings#releaseOnClose()} says so. */
    @Override
    public void close() {
        CompletableFuture<?> future;
        synchronized (this) {
            closed = true;
            future = running;
        }
        leader = false;
        if (future != null) {
            future.cancel(true);
        }
    }
}
