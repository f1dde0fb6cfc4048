package io.jenkins.plugins.gitops.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.gitops.agent.AgentClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster the demo deploys to: a real one when a kubeconfig file is named or the demo runs inside a
 * pod, otherwise fabric8's mock API server in CRUD mode, in-process on loopback. The embedded server
 * stores objects and serves watches but runs no controllers and cannot do server-side apply.
 */
final class DemoCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesClient client;
    private final KubernetesClient agentClient;
    private final KubernetesMockServer embedded;
    private final String description;

    private DemoCluster(Config config, KubernetesMockServer embedded, String description) {
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.agentClient = AgentClient.of(config);
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * @param kubeconfig a kubeconfig file to use (its current context)
     * @throws IOException when the kubeconfig file cannot be read
     */
    static DemoCluster connect(Optional<Path> kubeconfig) throws IOException {
        if (kubeconfig.isPresent()) {
            Path file = kubeconfig.get();
            Config config = Config.fromKubeconfig(null, Files.readString(file), file.toString());
            return new DemoCluster(config, null, "the cluster of kubeconfig " + file + " (" + config.getMasterUrl() + ")");
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
            Config config = Config.autoConfigure(null);
            return new DemoCluster(config, null, "this pod's cluster (" + config.getMasterUrl() + ")");
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new MergePatchingDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient probe = server.createClient()) {
            return new DemoCluster(probe.getConfiguration(), server,
                    "an embedded API server (fabric8 kubernetes-server-mock, CRUD mode) on 127.0.0.1:" + server.getPort()
                            + ", not a real cluster");
        }
    }

    /** The demo's own client: a person's edits and the demo's checks go through it. */
    KubernetesClient client() {
        return client;
    }

    /** The agent's client, which names itself {@code gitops-agent/<version>} in every request. */
    KubernetesClient agentClient() {
        return agentClient;
    }

    /** True for the in-process mock API server. */
    boolean embedded() {
        return embedded != null;
    }

    /** What the demo deploys to, for its output. */
    String description() {
        return description;
    }

    /**
     * The mock server's CRUD dispatcher with JSON merge patch as RFC 7396 defines it. Its own merge
     * appends a patch's arrays to the stored ones, so a client-side apply that changes a container's
     * image would leave the old image in place.
     */
    static final class MergePatchingDispatcher extends KubernetesCrudDispatcher {

        @Override
        public JsonNode merge(JsonNode source, String patch) throws KubernetesCrudDispatcherException {
            try {
                return mergePatch(source, JSON.readTree(patch));
            } catch (JsonProcessingException e) {
                throw new KubernetesCrudDispatcherException("the merge patch is not JSON: " + e.getOriginalMessage(), 400);
            }
        }

        static JsonNode mergePatch(JsonNode target, JsonNode patch) {
            if (!patch.isObject()) {
                return patch.deepCopy();
            }
            ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
            patch.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    result.remove(field.getKey());
                } else {
                    result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
                }
            });
            return result;
        }
    }

    @Override
    public void close() {
        agentClient.close();
        client.close();
        if (embedded != null) {
            embedded.destroy();
        }
    }
}
