package io.jenkins.plugins.gitops.agent.watch;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.agent.health.HealthCheck;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportSender;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.testing.VerifyingReportEndpoint;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The drift watch's world for a test: the agent's client and applier on an API server, a loopback
 * receiver verifying signed reports, a sender, and the watch. On the local control plane
 * ({@link #on(TestNamespace)}) the agent applies server-side, in the test's namespace, which the
 * YAML names {@value #NAMESPACE}; on fabric8's mock server ({@link #onMockServer()}) client-side, as
 * the mock takes no apply patches.
 */
final class WatchedCluster implements AutoCloseable {

    static final String REVISION = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    static final byte[] SECRET = "watch-test-report-secret".getBytes(StandardCharsets.UTF_8);
    static final ReportContext CONTEXT = new ReportContext("staging", new AgentIdentity("gitops-agent-0", "0.1.0-test"),
            "https://git.example.com/config.git", "main", "envs/staging");
    /** The namespace test YAML names; replaced by the test's own. */
    static final String NAMESPACE = "shop";

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    final String namespace;
    final KubernetesClient client;
    final Applier applier;
    final VerifyingReportEndpoint receiver;
    final ReportSender sender;
    private final AutoCloseable server;
    DriftWatch watch;
    /** Whether this replica leads; a test may take leadership away. */
    volatile boolean leader = true;
    List<ManifestObject> desired;

    private WatchedCluster(String namespace, KubernetesClient client, ApplierSettings settings, AutoCloseable server)
            throws Exception {
        this.namespace = namespace;
        this.client = client;
        this.server = server;
        applier = new Applier(client, settings);
        receiver = new VerifyingReportEndpoint(SECRET);
        sender = ReportSender.start(receiver.endpoint(), SECRET, new ReportSender.Backoff(Duration.ofMillis(50),
                Duration.ofMillis(500)), Duration.ofSeconds(5), 1_000);
    }

    /** The agent on the local control plane: its own client, server-side apply, in the test's namespace. */
    static WatchedCluster on(TestNamespace namespace) throws Exception {
        return new WatchedCluster(namespace.name(), AgentClient.of(namespace.cluster().config()),
                ApplierSettings.defaults(namespace.name()), () -> { });
    }

    /** The agent on fabric8's mock API server in CRUD mode, applying client-side. */
    static WatchedCluster onMockServer() throws Exception {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new WatchedCluster(NAMESPACE, server.createClient(), ApplierSettings.defaults(NAMESPACE)
                .withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER)), server::destroy);
    }

    /** Applies the revision, starts the watch and hands it the result; returns the first report. */
    Report applyAndWatch(String yaml, WatchSettings settings) throws InterruptedException {
        ApplyResult result = apply(REVISION, yaml);
        Map<ResourceId, Health> health = new HashMap<>();
        result.live().forEach((id, object) -> health.put(id, HealthCheck.of(object)));
        startWatch(settings);
        watch.update(AppliedState.afterApply(List.of(REVISION), desired, result, health, Instant.now()));
        return receiver.await(report -> report.source().revision().equals(REVISION), Duration.ofSeconds(20));
    }

    /** Applies a revision as the reconcile loop would; its objects become {@link #desired}. */
    ApplyResult apply(String revision, String yaml) {
        desired = objects(yaml);
        ApplyResult result = applier.apply(revision, desired);
        if (!result.succeeded()) {
            throw new AssertionError("apply failed: " + result.errors());
        }
        return result;
    }

    void startWatch(WatchSettings settings) {
        watch = DriftWatch.start(client, applier, sender, CONTEXT, settings, () -> leader);
    }

    /** {@code apps/Deployment/<namespace>/web}, as events name objects. */
    String id(String groupAndKind, String name) {
        return groupAndKind + "/" + namespace + "/" + name;
    }

    static ResourceEntry resource(Report report, String kind, String name) {
        return report.resources().stream()
                .filter(entry -> entry.kind().equals(kind) && entry.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the report"));
    }

    /** The objects of YAML documents, in this cluster's namespace. */
    List<ManifestObject> objects(String yaml) {
        return parse(yaml.replace("namespace: " + NAMESPACE, "namespace: " + namespace));
    }

    @SuppressWarnings("unchecked")
    static List<ManifestObject> parse(String yaml) {
        List<ManifestObject> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                Map<String, Object> content = new LinkedHashMap<>(
                        (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(document));
                Map<String, Object> metadata = (Map<String, Object>) content.get("metadata");
                String apiVersion = (String) content.get("apiVersion");
                ResourceId id = ResourceId.of(apiVersion, (String) content.get("kind"),
                        (String) metadata.get("namespace"), (String) metadata.get("name"));
                objects.add(new ManifestObject(id, apiVersion, content, new SourceLocation("app.yaml", 1)));
            }
        }
        return objects;
    }

    @Override
    public void close() throws Exception {
        if (watch != null) {
            watch.close();
        }
        sender.close();
        receiver.close();
        client.close();
        server.close();
    }
}
