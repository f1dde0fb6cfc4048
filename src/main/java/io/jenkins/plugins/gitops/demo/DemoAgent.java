package io.jenkins.plugins.gitops.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.Agent;
import io.jenkins.plugins.gitops.agent.AgentSettings;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.apply.ClientSideApply;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.agent.watch.DriftWatch;
import io.jenkins.plugins.gitops.agent.watch.ReconcileHandover;
import io.jenkins.plugins.gitops.agent.watch.ReportContext;
import io.jenkins.plugins.gitops.agent.watch.ReportTarget;
import io.jenkins.plugins.gitops.agent.watch.WatchMode;
import io.jenkins.plugins.gitops.agent.watch.WatchSettings;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.ReportSender;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent, in-process: {@link Agent} (the reconcile loop polling the branch tip every second, and its
 * HTTP endpoints), its applier, the report sender and the drift watch, which {@link ReconcileHandover}
 * hands each round of the loop. Drift is first only reported;
 * {@link #selfHeal()} switches correction on, as restarting the agent with self-heal on would.
 */
final class DemoAgent implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param client the cluster
     * @param embedded whether it is the embedded API server, which cannot do server-side apply
     * @param inventoryNamespace where the applier keeps its inventory
     * @param secretFile the environment's report secret, as a mounted Secret holds it
     * @param workDirectory checkouts and the agent's log
     */
    record Setup(KubernetesClient client, boolean embedded, String repositoryUrl, String branch, String path,
            String environment, String agentVersion, String inventoryNamespace, String reportUrl, Path secretFile,
            Path workDirectory) {}

    private final Setup setup;
    private final JGitConfigRepository repository;
    private final Applier applier;
    private final ReportSender sender;
    private final PrintStream logFile;
    private final Path logPath;
    private final Object watchLock = new Object();
    private volatile Agent agent;
    private DriftWatch watch;
    private ReconcileHandover handover;
    private WatchMode mode = WatchMode.REPORT_ONLY;

    private DemoAgent(Setup setup) throws IOException {
        this.setup = setup;
        Files.createDirectories(setup.workDirectory());
        logPath = setup.workDirectory().resolve("agent.log");
        logFile = new PrintStream(new FileOutputStream(logPath.toFile()), true, StandardCharsets.UTF_8);
        repository = new JGitConfigRepository(
                setup.repositoryUrl(), GitCredentials.none(), HttpsTrust.SYSTEM, JGitConfigRepository.DEFAULT_TIMEOUT);
        ApplierSettings applierSettings = ApplierSettings.defaults(setup.inventoryNamespace());
        if (setup.embedded()) {
            applierSettings = applierSettings.withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER));
        }
        applier = new Applier(setup.client(), applierSettings);
        sender = new ReportTarget(URI.create(setup.reportUrl()), setup.secretFile()).open();
        watch = startWatch();
        handover = new ReconcileHandover(watch);
    }

    /** Starts the agent: its HTTP endpoints on an ephemeral loopback port, and the loop, whose first round runs at once. */
    static DemoAgent start(Setup setup) throws IOException {
        DemoAgent demoAgent = new DemoAgent(setup);
        try {
            LoopSettings loop = LoopSettings.of(setup.branch(), RepositoryPath.parse(setup.path()), POLL_INTERVAL,
                    setup.workDirectory().resolve("checkouts"));
            AgentSettings settings = new AgentSettings(loop, Optional.empty(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty());
            demoAgent.agent = Agent.start(setup.client(), demoAgent.repository,
                    new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.KUBECTL), demoAgent.applier, settings,
                    new AgentLog(demoAgent.logFile, Clock.systemUTC()), Clock.systemUTC(), List.of(demoAgent::handOver),
                    Optional.empty());
            return demoAgent;
        } catch (IOException | RuntimeException e) {
            demoAgent.close();
            throw e;
        }
    }

    /** One line for the demo's output. */
    String description() {
        return "in-process (HTTP on 127.0.0.1:" + agent.httpPort() + "): reconcile loop polling " + setup.branch()
                + " every " + POLL_INTERVAL.toSeconds() + " s, " + applier.settings().strategy().name() + " apply"
                + (setup.embedded() ? " (the embedded server cannot do server-side apply)" : "")
                + ", drift watch reporting only until self-heal; log in " + logPath;
    }

    /**
     * Switches drift correction on: the watch is restarted in correct mode with a handover of its own,
     * handed the loop's latest round at once; it re-reads every object and puts back what drifted. The
     * new handover announces that round's apply events once more, as a restarted agent would.
     */
    void selfHeal() {
        synchronized (watchLock) {
            mode = WatchMode.CORRECT;
            watch.close();
            watch = startWatch();
            handover = new ReconcileHandover(watch);
            handover.reconciled(agent.loop().snapshot());
        }
    }

    private DriftWatch startWatch() {
        ReportContext context = new ReportContext(setup.environment(), new AgentIdentity("gitops-demo-agent", setup.agentVersion()),
                repository.url(), setup.branch(), setup.path());
        return DriftWatch.start(setup.client(), applier, sender, context, WatchSettings.defaults(mode, List.of()),
                () -> agent == null || agent.leadership().isLeader());
    }

    /** The loop's listener: hands each round to the current watch. Loop thread. */
    private void handOver(ReconcileSnapshot snapshot) {
        synchronized (watchLock) {
            handover.reconciled(snapshot);
        }
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
        synchronized (watchLock) {
            watch.close();
        }
        sender.close();
        repository.close();
        logFile.close();
    }
}
