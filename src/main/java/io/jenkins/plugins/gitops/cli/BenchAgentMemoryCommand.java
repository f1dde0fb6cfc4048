package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Resident memory of the agent after it reconciled a large revision. The agent runs as a child JVM
 * with the JVM flags of the container image ({@link #IMAGE_JAVA_TOOL_OPTIONS}, as deploy/Dockerfile
 * sets them) and the container's memory limit as its view of the machine's RAM, exactly as
 * {@code java -jar gitops-agent.jar agent}: it renders a git repository of generated resources (those
 * of {@code bench reconcile}) and applies them to fabric8's mock API server, which runs in this
 * process so that its objects are not counted, or with {@code --kubeconfig} to a real cluster. It reports to a loopback endpoint, so its drift watch
 * runs as deployed, with an informer per kind holding the objects it applied. Once {@code /readyz} reports the
 * revision synced and the watch's first report has arrived, the child's VmRSS and VmHWM are read
 * from {@code /proc/<pid>/status} (Linux only).
 *
 * <p>With {@code --unmanaged}, on a real cluster, three agents run one after the other: the first
 * applies the revision; the second, a restart, is the baseline; then the objects the agent does not
 * manage are created ({@link UnmanagedObjects}) and the third, a restart too, is measured among them.
 */
@Command(
        name = "agent-memory",
        mixinStandardHelpOptions = true,
        description = {
            "Resident memory (VmRSS from /proc) of an agent JVM started with the image's JAVA_TOOL_OPTIONS after it",
            "reconciled a repository of generated resources onto an in-process mock API server. Needs git and Linux."
        })
final class BenchAgentMemoryCommand implements Callable<Integer> {

    /** deploy/Dockerfile's JAVA_TOOL_OPTIONS; a test keeps the two equal. */
    static final String IMAGE_JAVA_TOOL_OPTIONS =
            "-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m -Djava.io.tmpdir=/tmp";
    /** deploy/base/deployment.yaml's memory limit, which the JVM in the container sees as its RAM. */
    static final String CONTAINER_MEMORY_LIMIT = "256m";
    static final long TARGET_MIB = 160;

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    @Option(names = "--resources", defaultValue = "1000", description = "Resources in the revision (default ${DEFAULT-VALUE}).")
    int resources;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for the agent to sync (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for the common bench interface).")
    boolean json;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = CONTAINER_MEMORY_LIMIT, description = {
        "The container memory limit the agent JVM sees as its RAM, as -XX:MaxRAM takes it (default ${DEFAULT-VALUE},",
        "deploy/base/deployment.yaml's); larger environments need a larger one."})
    String memoryLimit;

    @Option(names = "--unmanaged", defaultValue = "0", description = {
        "With --kubeconfig: objects of the revision's kinds the agent does not manage (every fifth a Secret the size of",
        "a Helm release), created before a restarted agent is measured again (default ${DEFAULT-VALUE})."})
    int unmanaged;

    @Option(names = "--target", paramLabel = "MIB", defaultValue = "" + TARGET_MIB, description = {
        "Resident MiB the agent should stay under (default ${DEFAULT-VALUE}, for 1,000 resources under 256 Mi;",
        "docs/performance.md gives 400 for 10,000 among 50,000 unmanaged)."})
    long targetMiB;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = {
        "Apply onto this cluster (server-side apply, namespaces of the run's own, deleted afterwards) instead",
        "of the in-process mock API server; cluster-admin."})
    Path kubeconfigFile;

    @Override
    public Integer call() throws Exception {
        if (resources < 5) {
            System.err.println("--resources must be at least 5");
            return 2;
        }
        if (unmanaged > 0 && kubeconfigFile == null) {
            System.err.println("--unmanaged needs --kubeconfig");
            return 2;
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        Path work = Files.createTempDirectory("gitops-bench-agent-memory");
        AtomicInteger reports = new AtomicInteger();
        HttpServer reportSink = reportSink(reports);
        try (BenchCluster cluster = kubeconfigFile == null ? BenchCluster.inProcessMock(work) : BenchCluster.real(kubeconfigFile)) {
            Path repository = repository(work.resolve("config"), BenchReconcileCommand.revision(resources, cluster.prefix()));
            AgentRun run = new AgentRun(cluster, repository, work, reportSink, reports);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bench", "agent-memory");
            figures.put("resources", resources);
            figures.put("apiServer", cluster.description());
            figures.put("strategy", cluster.strategy());
            figures.put("javaToolOptions", IMAGE_JAVA_TOOL_OPTIONS);
            figures.put("maxRam", memoryLimit);
            figures.put("driftWatch", "on (correct mode, reporting to a loopback endpoint)");
            figures.put("targetMiB", targetMiB);
            Measurement applied = run.measure();
            figures.put("configMapsInRevisionNamespaces", cluster.configMaps());
            if (unmanaged == 0) {
                applied.into(figures);
                figures.put("underTarget", applied.rssMiB() < targetMiB);
            } else {
                figures.put("applied", applied.figures());
                Measurement baseline = run.measure();
                figures.put("restartedAmongNoUnmanaged", baseline.figures());
                long start = System.nanoTime();
                long bytes = UnmanagedObjects.create(cluster.admin(), cluster.createNamespaces("unmanaged", 10), unmanaged);
                figures.put("unmanaged", Map.of("objects", unmanaged, "helmReleaseSecrets", (unmanaged + 4) / 5,
                        "dataMiB", bytes / (1024 * 1024), "createdMillis", (System.nanoTime() - start) / 1_000_000));
                Measurement among = run.measure();
                figures.put("restartedAmongUnmanaged", among.figures());
                figures.put("rssRatioAmongUnmanagedToNone", Math.round(100.0 * among.rssMiB() / baseline.rssMiB()) / 100.0);
                figures.put("underTarget", Math.max(applied.rssMiB(), among.rssMiB()) < targetMiB);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            return 0;
        } finally {
            reportSink.stop(0);
            deleteTree(work);
        }
    }

    /** Resident memory of one agent run, once it had synced and reported. */
    private record Measurement(long syncMillis, long rssMiB, long hwmMiB) {

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            into(figures);
            return figures;
        }

        void into(Map<String, Object> figures) {
            figures.put("startToSyncedAndReportedMillis", syncMillis);
            figures.put("vmRssMiB", rssMiB);
            figures.put("vmHwmMiB", hwmMiB);
        }
    }

    /** Starts agents on the repository, one at a time, each as deployed, and measures them. */
    private final class AgentRun {

        private final BenchCluster cluster;
        private final Path repository;
        private final Path work;
        private final HttpServer reportSink;
        private final AtomicInteger reports;

        AgentRun(BenchCluster cluster, Path repository, Path work, HttpServer reportSink, AtomicInteger reports) {
            this.cluster = cluster;
            this.repository = repository;
            this.work = work;
            this.reportSink = reportSink;
            this.reports = reports;
        }

        /** Starts an agent, waits until it synced and its watch reported, reads its memory and stops it. */
        Measurement measure() throws IOException, InterruptedException {
            int port = freePort();
            Path log = work.resolve("agent.log");
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent",
                    "--repository=" + repository.toUri(), "--kubeconfig=" + cluster.kubeconfig(),
                    "--namespace=" + cluster.agentNamespace(), "--apply-strategy=" + cluster.strategy(),
                    "--leader-election=false", "--interval=1h",
                    "--http-port=" + port, "--work-dir=" + work.resolve("agent-work"), "--environment=bench",
                    "--report-url=http://127.0.0.1:" + reportSink.getAddress().getPort() + "/gitops/report",
                    "--report-secret-file=" + Files.writeString(work.resolve("report-secret"), "bench"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_TOOL_OPTIONS", IMAGE_JAVA_TOOL_OPTIONS + " -XX:MaxRAM=" + memoryLimit);
            reports.set(0);
            long start = System.nanoTime();
            Process agent = builder.start();
            try {
                awaitSynced(agent, port, log);
                awaitFirstReport(agent, reports, log);
                long syncMillis = (System.nanoTime() - start) / 1_000_000;
                Map<String, Long> status = memory(agent.pid());
                return new Measurement(syncMillis, status.get("VmRSS") / 1024, status.get("VmHWM") / 1024);
            } finally {
                agent.destroy();
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
        }
    }

    /** A git repository (made with the git command line) holding the objects, one file per kind. */
    private static Path repository(Path directory, List<ManifestObject> objects) throws IOException, InterruptedException {
        writeManifests(directory, objects);
        git(directory, "init", "--quiet", "--initial-branch=main");
        git(directory, "add", ".");
        git(directory, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "--quiet", "-m", "Generated resources");
        return directory;
    }

    /** The objects as YAML files in {@code directory}, one file per kind. */
    static void writeManifests(Path directory, List<ManifestObject> objects) throws IOException {
        Files.createDirectories(directory);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml yaml = new Yaml(options);
        Map<String, List<Object>> byKind = new TreeMap<>();
        objects.forEach(object -> byKind.computeIfAbsent(object.id().kind(), kind -> new ArrayList<>()).add(object.content()));
        for (Map.Entry<String, List<Object>> kind : byKind.entrySet()) {
            Files.writeString(directory.resolve(kind.getKey().toLowerCase(Locale.ROOT) + ".yaml"),
                    yaml.dumpAll(kind.getValue().iterator()), StandardCharsets.UTF_8);
        }
    }

    private static void git(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.hooksPath=/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output.strip());
        }
    }

    private void awaitSynced(Process agent, int port, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent exited with " + agent.exitValue() + ": " + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the agent did not sync within " + timeoutSeconds + " s: " + tail(log));
    }

    /** Takes every report with 202 and counts it; what the reports say does not matter to memory. */
    private static HttpServer reportSink(AtomicInteger reports) throws IOException {
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/gitops/report", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                reports.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        sink.start();
        return sink;
    }

    private void awaitFirstReport(Process agent, AtomicInteger reports, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (reports.get() == 0) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent sent no report: " + tail(log));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** VmRSS and VmHWM in KiB. */
    static Map<String, Long> memory(long pid) throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] parts = line.split("\\s+");
            if (parts.length >= 2 && (parts[0].equals("VmRSS:") || parts[0].equals("VmHWM:"))) {
                values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
            }
        }
        if (values.size() != 2) {
            throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS and VmHWM: Linux only");
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
