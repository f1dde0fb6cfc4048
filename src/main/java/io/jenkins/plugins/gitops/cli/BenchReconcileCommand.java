package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.apply.ClientSideApply;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Applies a generated revision to fabric8's mock API server started in-process, then reconciles it
 * again unchanged, and reports how long each took and which requests the unchanged reconcile sent.
 * The mock server cannot do server-side apply, so the client-side strategy is measured there; with
 * {@code --kubeconfig} the same is measured on a real cluster ({@link ClusterReconcileBench}).
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Cold apply and no-op reconcile of generated resources (5 kinds over 4 namespaces) on an in-process",
            "mock API server (or, with --kubeconfig, a real cluster): times are medians over rounds, request counts",
            "the most any round sent."
        })
final class BenchReconcileCommand implements Callable<Integer> {

    private static final String[] KINDS = {"ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment"};
    private static final int NAMESPACES = 4;
    private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    @Option(names = "--resources", defaultValue = "1000", description = "Resources in the revision (default ${DEFAULT-VALUE}).")
    int resources;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds, each on a fresh server (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for the common bench interface).")
    boolean json;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = {
        "Measure on this cluster instead, with server-side apply, beside kubectl apply --server-side and",
        "kubectl diff --server-side of the same objects in the same run (kubectl on the PATH; cluster-admin)."})
    Path kubeconfig;

    @Override
    public Integer call() throws Exception {
        if (resources < KINDS.length || rounds < 1) {
            System.err.println("--resources must be at least " + KINDS.length + " and --rounds at least 1");
            return 2;
        }
        if (kubeconfig != null) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(new ClusterReconcileBench(kubeconfig, resources, rounds).run()));
            return 0;
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        List<ManifestObject> revision = revision(resources);
        List<Long> coldMillis = new ArrayList<>();
        List<Long> noopMillis = new ArrayList<>();
        Map<String, Integer> worstNoopRequests = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            KubernetesMockServer server = new KubernetesMockServer(
                    new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
            server.init(InetAddress.getLoopbackAddress(), 0);
            try (KubernetesClient client = server.createClient()) {
                Applier applier = new Applier(client, ApplierSettings.defaults("gitops").withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER)));
                long start = System.nanoTime();
                ApplyResult cold = applier.apply(REVISION, revision);
                coldMillis.add((System.nanoTime() - start) / 1_000_000);
                check(cold, ApplyResult.Action.CREATED);
                int before = server.getRequestCount();
                start = System.nanoTime();
                ApplyResult noop = applier.apply(REVISION, revision);
                noopMillis.add((System.nanoTime() - start) / 1_000_000);
                check(noop, ApplyResult.Action.UNCHANGED);
                drain(server, before);
                countRequests(server, server.getRequestCount() - before)
                        .forEach((key, count) -> worstNoopRequests.merge(key, count, Math::max));
            } finally {
                server.destroy();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "reconcile");
        figures.put("resources", resources);
        figures.put("kinds", List.of(KINDS));
        figures.put("namespaces", NAMESPACES);
        figures.put("rounds", rounds);
        figures.put("strategy", ClientSideApply.NAME);
        figures.put("apiServer", "fabric8 kubernetes-server-mock (CRUD mode, in-process, loopback HTTP)");
        figures.put("coldApplyMillis", summary(coldMillis));
        figures.put("noopReconcileMillis", summary(noopMillis));
        figures.put("noopReconcileRequests", worstNoopRequests);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
        return 0;
    }

    private void check(ApplyResult result, ApplyResult.Action expected) {
        if (result.count(expected) != resources) {
            throw new IllegalStateException("expected " + resources + " " + expected + ", got " + result.outcomes().size()
                    + " outcomes: " + String.join("; ", result.errors()));
        }
    }

    /** Skips the requests of the cold apply, which the server still holds for inspection. */
    private static void drain(KubernetesMockServer server, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            server.takeRequest();
        }
    }

    /** {@code writes}, {@code LIST <plural>} per resource type, and {@code other reads}. */
    private static Map<String, Integer> countRequests(KubernetesMockServer server, int count) throws InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        counts.put("writes", 0);
        counts.put("other reads", 0);
        for (int i = 0; i < count; i++) {
            RecordedRequest request = server.takeRequest();
            String path = request.getPath().split("\\?")[0];
            String last = path.substring(path.lastIndexOf('/') + 1);
            boolean collection = path.matches("/api/v1/[a-z]+|/apis/[^/]+/[^/]+/[a-z]+");
            String key = !request.getMethod().equals("GET") ? "writes" : collection ? "LIST " + last : "other reads";
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    static Map<String, Long> summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        long median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("median", median);
        summary.put("min", sorted.get(0));
        summary.put("max", sorted.get(sorted.size() - 1));
        return summary;
    }

    /** {@code count} objects, the kinds in turn, spread over the namespaces {@code bench-0} to {@code bench-3}. */
    static List<ManifestObject> revision(int count) {
        return revision(count, "bench");
    }

    /** The namespaces {@link #revision(int, String)} spreads its objects over. */
    static List<String> namespaces(String prefix) {
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < NAMESPACES; i++) {
            namespaces.add(prefix + "-" + i);
        }
        return namespaces;
    }

    /** {@code count} objects, the kinds in turn, spread over the {@link #namespaces} of {@code prefix}. */
    static List<ManifestObject> revision(int count, String prefix) {
        List<ManifestObject> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String kind = KINDS[i % KINDS.length];
            String namespace = prefix + "-" + (i / KINDS.length) % NAMESPACES;
            String name = kind.toLowerCase(Locale.ROOT) + "-" + i;
            String apiVersion = kind.equals("Deployment") ? "apps/v1" : "v1";
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("apiVersion", apiVersion);
            content.put("kind", kind);
            content.put("metadata", Map.of("name", name, "namespace", namespace, "labels", Map.of("app", name)));
            switch (kind) {
                case "ConfigMap" -> content.put("data", Map.of("index", String.valueOf(i), "greeting", "hello"));
                case "Secret" -> content.put("stringData", Map.of("token", "bench-" + i));
                case "Service" -> content.put("spec", Map.of("selector", Map.of("app", name),
                        "ports", List.of(Map.of("port", 80, "targetPort", 8080))));
                case "Deployment" -> content.put("spec", Map.of(
                        "replicas", 2,
                        "selector", Map.of("matchLabels", Map.of("app", name)),
                        "template", Map.of(
                                "metadata", Map.of("labels", Map.of("app", name)),
                                "spec", Map.of("containers", List.of(Map.of(
                                        "name", "app", "image", "registry.example/app:1.0." + i,
                                        "ports", List.of(Map.of("containerPort", 8080))))))));
                default -> { }
            }
            objects.add(new ManifestObject(ResourceId.of(apiVersion, kind, namespace, name), apiVersion, content,
                    new SourceLocation("bench/" + kind.toLowerCase(Locale.ROOT) + ".yaml", 0)));
        }
        return objects;
    }
}
