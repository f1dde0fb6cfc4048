package io.jenkins.plugins.gitops.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ServerSideApply;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench reconcile --kubeconfig}: the agent's applier on a real cluster beside kubectl, in the
 * same run. Each round applies the generated revision into namespaces of its own, cold with
 * server-side apply, then reconciles it unchanged, counting the requests the agent sent (its writes
 * must be 0); the same objects, in other namespaces, are applied with {@code kubectl apply --server-side}
 * and compared with {@code kubectl diff --server-side}. The ratios are agent over kubectl medians.
 */
final class ClusterReconcileBench {

    private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

    private final Path kubeconfig;
    private final int resources;
    private final int rounds;

    ClusterReconcileBench(Path kubeconfig, int resources, int rounds) {
        this.kubeconfig = kubeconfig;
        this.resources = resources;
        this.rounds = rounds;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        Config config = BenchCluster.config(kubeconfig);
        String run = "b" + Long.toString(System.currentTimeMillis() % 100_000, 36);
        List<Long> coldMillis = new ArrayList<>();
        List<Long> noopMillis = new ArrayList<>();
        List<Long> kubectlApplyMillis = new ArrayList<>();
        List<Long> kubectlDiffMillis = new ArrayList<>();
        Map<String, Integer> worstNoopRequests = new TreeMap<>();
        List<BenchCluster> used = new ArrayList<>();
        Path work = Files.createTempDirectory("gitops-bench-reconcile");
        try {
            for (int round = 0; round < rounds; round++) {
                BenchCluster agentSide = BenchCluster.real(kubeconfig, run + "-a" + round);
                used.add(agentSide);
                List<ManifestObject> revision = BenchReconcileCommand.revision(resources, agentSide.prefix());
                RequestCounter counter = new RequestCounter();
                try (KubernetesClient client = AgentClient.of(config, http -> http.addOrReplaceInterceptor("bench", counter))) {
                    Applier applier = new Applier(client, ApplierSettings.defaults(agentSide.agentNamespace()));
                    long start = System.nanoTime();
                    check(applier.apply(REVISION, revision), ApplyResult.Action.CREATED);
                    coldMillis.add(millisSince(start));
                    counter.reset();
                    start = System.nanoTime();
                    check(applier.apply(REVISION, revision), ApplyResult.Action.UNCHANGED);
                    noopMillis.add(millisSince(start));
                    counter.counts().forEach((key, count) -> worstNoopRequests.merge(key, count, Math::max));
                }

                BenchCluster kubectlSide = BenchCluster.real(kubeconfig, run + "-k" + round);
                used.add(kubectlSide);
                Path manifests = work.resolve(kubectlSide.prefix());
                BenchAgentMemoryCommand.writeManifests(manifests, BenchReconcileCommand.revision(resources, kubectlSide.prefix()));
                long start = System.nanoTime();
                kubectl(Set.of(0), "apply", "--server-side", "--field-manager=bench", "-f", manifests.toString());
                kubectlApplyMillis.add(millisSince(start));
                start = System.nanoTime();
                // Exit 1 means differences: the control plane may have moved a status field since the apply; timed all the same.
                kubectl(Set.of(0, 1), "diff", "--server-side", "--field-manager=bench", "-f", manifests.toString());
                kubectlDiffMillis.add(millisSince(start));
            }
        } finally {
            used.forEach(BenchCluster::close);
            BenchAgentMemoryCommand.deleteTree(work);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "reconcile");
        figures.put("resources", resources);
        figures.put("rounds", rounds);
        figures.put("strategy", ServerSideApply.NAME);
        figures.put("apiServer", config.getMasterUrl());
        Map<String, Long> cold = BenchReconcileCommand.summary(coldMillis);
        Map<String, Long> noop = BenchReconcileCommand.summary(noopMillis);
        Map<String, Long> kubectlApply = BenchReconcileCommand.summary(kubectlApplyMillis);
        Map<String, Long> kubectlDiff = BenchReconcileCommand.summary(kubectlDiffMillis);
        figures.put("coldApplyMillis", cold);
        figures.put("kubectlApplyServerSideMillis", kubectlApply);
        figures.put("coldApplyRatio", ratio(cold, kubectlApply));
        figures.put("noopReconcileMillis", noop);
        figures.put("kubectlDiffServerSideMillis", kubectlDiff);
        figures.put("noopReconcileRatio", ratio(noop, kubectlDiff));
        figures.put("noopReconcileRequests", worstNoopRequests);
        return figures;
    }

    private void kubectl(Set<Integer> expectedExits, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("bench-kubectl", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || !expectedExits.contains(process.exitValue())) {
                process.destroyForcibly();
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                throw new IllegalStateException(String.join(" ", arguments) + " failed: "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private void check(ApplyResult result, ApplyResult.Action expected) {
        if (result.count(expected) != resources) {
            throw new IllegalStateException("expected " + resources + " " + expected + ", got " + result.count(expected)
                    + ": " + String.join("; ", result.errors().stream().limit(3).toList()));
        }
    }

    private static double ratio(Map<String, Long> agent, Map<String, Long> kubectl) {
        return Math.round(100.0 * agent.get("median") / Math.max(1, kubectl.get("median"))) / 100.0;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Counts completed requests as {@code writes}, {@code LIST <plural>} and {@code other reads}. */
    private static final class RequestCounter implements Interceptor {

        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Override
        public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            String path = request.uri().getPath();
            boolean collection = path.matches("/api/v1/([a-z]+|namespaces/[^/]+/[a-z]+)|/apis/[^/]+/[^/]+/([a-z]+|namespaces/[^/]+/[a-z]+)");
            String key = !request.method().equals("GET") ? "writes"
                    : collection ? "LIST " + path.substring(path.lastIndexOf('/') + 1) : "other reads";
            counts.merge(key, 1, Integer::sum);
        }

        void reset() {
            counts.clear();
            counts.put("writes", 0);
        }

        Map<String, Integer> counts() {
            return new TreeMap<>(counts);
        }
    }
}
