package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode on a loopback port, recording each request with its body
 * and able to answer one request with an error.
 *
 * <p>Its limits show in what tests can assert: no server-side apply, and its "merge patch" merges
 * lists and keeps nulls instead of replacing and removing (RFC 7386), so tests check those on the
 * wire rather than in the stored object.
 */
final class MockCluster implements AutoCloseable {

    /** The mock server logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    final KubernetesMockServer server;
    final KubernetesClient client;
    private final Queue<Request> received = new ConcurrentLinkedQueue<>();
    private volatile Failure failure;

    MockCluster() {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
                Request seen = new Request(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                        new String(body, StandardCharsets.UTF_8));
                received.add(seen);
                Failure planned = failure;
                if (planned != null && planned.method().equals(seen.method()) && seen.path().startsWith(planned.path())) {
                    failure = null;
                    return new MockResponse().setResponseCode(planned.code()).setBody(planned.status());
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), recording, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    /** Answers the next request with that method and path prefix with an error and a Status body. */
    void failNext(String method, String path, int code, String reason, String message) {
        failure = new Failure(method, path, code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
                + reason + "\",\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    /** The requests received since the last call, oldest first. */
    List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        Request request;
        while ((request = received.poll()) != null) {
            requests.add(request);
        }
        return requests;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private record Failure(String method, String path, int code, String status) {}

    record Request(String method, String path, String contentType, String body) {

        boolean isWrite() {
            return !method.equals("GET");
        }

        /** A GET of a collection: the path's last segment is a plural resource, not a name. */
        boolean isListOf(String plural) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            return method.equals("GET") && bare.endsWith("/" + plural);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
