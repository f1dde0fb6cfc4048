package io.jenkins.plugins.gitops.agent;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode on a loopback port that can be made to fail: every request
 * for a while (an API server down or throttling), or every request after a number of writes (an
 * agent killed at that point: nothing after it reaches the server). Counts the writes it accepted.
 * Answers discovery of the core group for ConfigMaps and Namespaces.
 */
final class FaultyCluster implements AutoCloseable {

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private static final String CORE_DISCOVERY = """
            {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
              {"name": "configmaps", "singularName": "configmap", "namespaced": true, "kind": "ConfigMap",
               "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
              {"name": "namespaces", "singularName": "namespace", "namespaced": false, "kind": "Namespace",
               "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]}]}
            """;

    private final KubernetesMockServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int failWith;
    private volatile int writesLeft = -1;

    FaultyCluster() {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        Dispatcher faulty = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                boolean write = !request.getMethod().equals("GET");
                synchronized (FaultyCluster.this) {
                    if (failWith == 0 && write && writesLeft == 0) {
                        failWith = 500;
                    }
                    if (failWith != 0) {
                        return new MockResponse().setResponseCode(failWith).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                + "\"status\":\"Failure\",\"code\":" + failWith + ",\"message\":\"injected failure\"}");
                    }
                    if (write) {
                        writes.incrementAndGet();
                        if (writesLeft > 0) {
                            writesLeft--;
                        }
                    }
                }
                if (request.getMethod().equals("GET") && request.getPath().equals("/api/v1")) {
                    return new MockResponse().setResponseCode(200).setBody(CORE_DISCOVERY);
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), faulty, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** A client of its own (as a separate agent process would have) that does not retry failed requests. */
    synchronized KubernetesClient newClient() {
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(server.createClient().getConfiguration())
                        .withRequestRetryBackoffLimit(0)
                        .withRequestTimeout(10_000)
                        .build())
                .build();
        clients.add(client);
        return client;
    }

    /** Answers every request with {@code code} until {@link #heal()}. */
    synchronized void failEverything(int code) {
        failWith = code;
    }

    /** Lets {@code count} more writes through, then fails every request with 500 until {@link #heal()}. */
    synchronized void failAfterWrites(int count) {
        writesLeft = count;
    }

    synchronized void heal() {
        failWith = 0;
        writesLeft = -1;
    }

    /** Writes the server accepted so far. */
    int writes() {
        return writes.get();
    }

    @Override
    public synchronized void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }
}
