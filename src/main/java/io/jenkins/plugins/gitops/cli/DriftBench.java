package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.apply.ClientSideApply;
import io.jenkins.plugins.gitops.agent.watch.AppliedState;
import io.jenkins.plugins.gitops.agent.watch.DriftWatch;
import io.jenkins.plugins.gitops.agent.watch.ReportContext;
import io.jenkins.plugins.gitops.agent.watch.WatchMode;
import io.jenkins.plugins.gitops.agent.watch.WatchSettings;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.ReplayCache;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportSender;
import io.jenkins.plugins.gitops.report.ReportVerifier;
import io.jenkins.plugins.gitops.report.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench drift}: live changes to Deployments (a label Git sets), each timed from just before the
 * write to the moment a loopback receiver has verified the signed report showing it. Changes are
 * made one at a time, so each latency is that of one change alone. On a real API server
 * ({@code --kubeconfig}) the agent applies server-side, as it does in a cluster, and the bench's
 * namespaces are deleted afterwards; else on fabric8's in-process mock server, client-side.
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Latency from a live change to the signed report showing it (report-only) or recording its",
            "correction (correct), received and verified on a loopback receiver (median, p95; target:",
            "median under 1 s). On the API server of --kubeconfig, else on an in-process mock server."
        })
final class DriftBench implements Callable<Integer> {

    private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] SECRET = "bench-secret-not-for-use".getBytes(StandardCharsets.UTF_8);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);
    private static final long TARGET_MEDIAN_MILLIS = 1_000;
    private static final String INVENTORY_NAMESPACE = "gitops-bench";

    /** The mock server logs every request at INFO, the watch each drift; kept referenced so the levels hold. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final Logger WATCH_LOG = Logger.getLogger("io.jenkins.plugins.gitops.agent.watch");

    @Option(names = "--changes", defaultValue = "50", description = "Live changes to time (default ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--resources", defaultValue = "50", description = "Resources in the watched revision (default ${DEFAULT-VALUE}).")
    int resources;

    @Option(names = "--mode", defaultValue = "report-only",
            description = "report-only: wait for the report showing the drift; correct: for the report recording its correction.")
    String mode;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Run on the API server this kubeconfig names (it creates, then deletes, namespaces bench-* and gitops-bench).")
    Path kubeconfig;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for the common bench interface).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (changes < 1 || resources < 5) {
            System.err.println("--changes must be at least 1 and --resources at least 5");
            return 2;
        }
        WatchMode watchMode;
        try {
            watchMode = WatchMode.parse(mode);
        } catch (IllegalArgumentException e) {
            System.err.println("--mode: " + e.getMessage());
            return 2;
        }
        Config config = null;
        if (kubeconfig != null) {
            try {
                config = Config.fromKubeconfig(null, Files.readString(kubeconfig, StandardCharsets.UTF_8), kubeconfig.toString());
            } catch (IOException | RuntimeException e) {
                System.err.println("--kubeconfig: " + kubeconfig + " is not a readable kubeconfig: " + e.getMessage());
                return 2;
            }
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        WATCH_LOG.setLevel(Level.WARNING);
        List<ManifestObject> revision = BenchReconcileCommand.revision(resources);
        List<ManifestObject> deployments = revision.stream().filter(object -> object.id().kind().equals("Deployment")).toList();
        // Each Deployment is changed again within seconds: the default pause between two corrections of
        // one object (which keeps the agent from fighting another writer) would be measured instead.
        WatchSettings settings = WatchSettings.defaults(watchMode, List.of()).withCorrectionInterval(Duration.ofMillis(1));
        KubernetesMockServer server = null;
        if (config == null) {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
            server.init(InetAddress.getLoopbackAddress(), 0);
        }
        Set<String> namespaces = new TreeSet<>();
        revision.forEach(object -> namespaces.add(object.id().namespace()));
        namespaces.add(INVENTORY_NAMESPACE);
        List<Long> latencies = new ArrayList<>();
        try (KubernetesClient client = config == null ? server.createClient() : AgentClient.of(config);
                KubernetesClient person = config == null ? server.createClient() : new KubernetesClientBuilder().withConfig(config).build();
                Receiver receiver = new Receiver();
                ReportSender sender = ReportSender.start(receiver.endpoint(), SECRET,
                        new ReportSender.Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)), Duration.ofSeconds(10), 10_000)) {
            ApplierSettings applierSettings = ApplierSettings.defaults(INVENTORY_NAMESPACE);
            if (config == null) {
                applierSettings = applierSettings.withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER));
            } else {
                for (String name : namespaces) {
                    // A namespace a previous run deleted may still be terminating, and takes no new objects.
                    person.namespaces().withName(name).waitUntilCondition(namespace -> namespace == null
                            || namespace.getMetadata().getDeletionTimestamp() == null, 2, TimeUnit.MINUTES);
                    person.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                            .createOr(NonDeletingOperation::update);
                }
            }
            try {
                Applier applier = new Applier(client, applierSettings);
                ApplyResult applied = applier.apply(REVISION, revision);
                if (!applied.succeeded()) {
                    throw new IllegalStateException("bench drift: apply failed: " + String.join("; ", applied.errors()));
                }
                ReportContext context = new ReportContext("bench", new AgentIdentity("bench-agent", "bench"),
                        "https://git.example.com/config.git", "main", ".");
                try (DriftWatch watch = DriftWatch.start(client, applier, sender, context, settings, () -> true)) {
                    watch.update(AppliedState.afterApply(List.of(REVISION), revision, applied, Map.of(), Instant.now()));
                    receiver.await(0, report -> report.source().revision().equals(REVISION));
                    for (int i = 0; i < changes; i++) {
                        ManifestObject target = deployments.get(i % deployments.size());
                        String label = "bench-change-" + i;
                        int seen = receiver.count();
                        long start = System.nanoTime();
                        person.apps().deployments().inNamespace(target.id().namespace()).withName(target.id().name())
                                .edit(live -> new DeploymentBuilder(live).editMetadata().addToLabels("app", label).endMetadata().build());
                        long received = receiver.await(seen, watchMode == WatchMode.CORRECT
                                ? report -> recordsCorrection(report, target)
                                : report -> showsLabel(report, target, label));
                        latencies.add((received - start) / 1_000_000);
                    }
                }
            } finally {
                if (config != null) {
                    namespaces.forEach(name -> person.namespaces().withName(name).delete());
                }
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bench", "drift");
            figures.put("changes", changes);
            figures.put("resources", resources);
            figures.put("mode", watchMode.configName());
            figures.put("quietPeriodMillis", settings.quietPeriod().toMillis());
            figures.put("maxDelayMillis", settings.maxDelay().toMillis());
            figures.put("correctionIntervalMillis", settings.correctionInterval().toMillis());
            figures.put("apiServer", config == null ? "fabric8 kubernetes-server-mock (CRUD mode, in-process, loopback HTTP)"
                    : "kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " (--kubeconfig)");
            figures.put("applyStrategy", applierSettings.strategy().name());
            figures.put("receiver", "JDK HttpServer on loopback verifying each report with ReportVerifier");
            figures.put("latencyMillis", summary(latencies));
            figures.put("targetMedianMillis", TARGET_MEDIAN_MILLIS);
            figures.put("targetMet", percentile(latencies, 50) < TARGET_MEDIAN_MILLIS);
            figures.put("reportsReceived", receiver.count());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            return 0;
        } finally {
            if (server != null) {
                server.destroy();
            }
        }
    }

    private static boolean showsLabel(Report report, ManifestObject target, String label) {
        return report.resources().stream()
                .filter(entry -> entry.kind().equals("Deployment") && entry.name().equals(target.id().name())
                        && target.id().namespace().equals(entry.namespace()))
                .flatMap(entry -> entry.diffs().stream())
                .anyMatch(diff -> diff.path().equals("/metadata/labels/app") && diff.live() != null
                        && diff.live().json().equals("\"" + label + "\""));
    }

    private static boolean recordsCorrection(Report report, ManifestObject target) {
        String corrected = "corrected " + target.id() + ":";
        return report.events().stream().anyMatch(event -> event.message().startsWith(corrected));
    }

    private static Map<String, Long> summary(List<Long> millis) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("median", percentile(millis, 50));
        summary.put("p95", percentile(millis, 95));
        summary.put("min", millis.stream().min(Long::compare).orElseThrow());
        summary.put("max", millis.stream().max(Long::compare).orElseThrow());
        return summary;
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** A report endpoint on a loopback port that verifies each delivery and notes when it arrived. */
    private static final class Receiver implements AutoCloseable {

        private record Arrival(Report report, long nanos) {}

        private final ReportVerifier verifier = new ReportVerifier(
                environment -> Optional.of(SECRET.clone()), Clock.systemUTC(), new ReplayCache(10_000));
        private final List<Arrival> arrivals = new ArrayList<>();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/gitops/report", this::handle);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gitops/report");
        }

        synchronized int count() {
            return arrivals.size();
        }

        /** Waits for a verified report, the {@code from}-th or later, that matches; returns when it arrived. */
        synchronized long await(int from, Predicate<Report> expected) throws InterruptedException {
            long deadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
            for (int index = from; ; ) {
                for (; index < arrivals.size(); index++) {
                    if (expected.test(arrivals.get(index).report())) {
                        return arrivals.get(index).nanos();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("bench drift: no report showed the change within " + REPORT_TIMEOUT);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                Verdict verdict = verifier.verify(exchange.getRequestHeaders(), body);
                long now = System.nanoTime();
                if (verdict.accepted()) {
                    synchronized (this) {
                        arrivals.add(new Arrival(verdict.report(), now));
                        notifyAll();
                    }
                }
                exchange.sendResponseHeaders(verdict.status(), -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
