package io.jenkins.plugins.gitops.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.report.ReportHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The agent's small HTTP server (JDK {@link HttpServer}, one thread):
 * <ul>
 *   <li>{@code GET /healthz}: 200 while the process is alive and the loop is not wedged, else 503;
 *   <li>{@code GET /readyz}: 200 once the leader has applied a revision completely (a follower is
 *       ready at once: it serves health and stands by), else 503 with the reason;
 *   <li>{@code GET /metrics}: {@link Metrics} in the Prometheus text format;
 *   <li>{@code POST /hooks/git}, when a hook secret is configured: a signed push notification
 *       ({@link GitHookVerifier}) starts a round at once; 202 on accept, 400/401/413 otherwise.
 * </ul>
 */
public final class AgentServer implements AutoCloseable {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ReconcileLoop loop;
    private final Leadership leadership;
    private final Metrics metrics;
    private final Optional<GitHookVerifier> hook;
    private final AgentLog log;

    private AgentServer(HttpServer server, ReconcileLoop loop, Leadership leadership, Metrics metrics,
            Optional<GitHookVerifier> hook, AgentLog log) {
        this.server = server;
        this.loop = loop;
        this.leadership = leadership;
        this.metrics = metrics;
        this.hook = hook;
        this.log = log;
    }

    /** Binds {@code address} (port 0 picks a free one) and serves until closed. */
    public static AgentServer start(InetSocketAddress address, ReconcileLoop loop, Leadership leadership, Metrics metrics,
            Optional<GitHookVerifier> hook, AgentLog log) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        AgentServer agentServer = new AgentServer(server, loop, leadership, metrics, hook, log);
        server.createContext("/healthz", exchange -> agentServer.handle(exchange, agentServer::healthz));
        server.createContext("/readyz", exchange -> agentServer.handle(exchange, agentServer::readyz));
        server.createContext("/metrics", exchange -> agentServer.handle(exchange, agentServer::metrics));
        hook.ifPresent(verifier -> server.createContext("/hooks/git", exchange -> agentServer.handle(exchange, agentServer::gitHook)));
        server.start();
        return agentServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether {@code /readyz} answers 200. */
    public boolean ready() {
        return !leadership.isLeader() || loop.hasSyncedOnce();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                send(exchange, 404, TEXT, "not found\n");
                return;
            }
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            log.error("http_failed", "path", exchange.getRequestURI().getPath(), "error", e.getClass().getSimpleName());
            throw e;
        }
    }

    private void healthz(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        if (loop.wedged()) {
            send(exchange, 503, TEXT, "reconcile loop wedged: a round has run longer than "
                    + loop.settings().wedgeLimit().toSeconds() + " s, or its thread ended\n");
        } else {
            send(exchange, 200, TEXT, "ok\n");
        }
    }

    private void readyz(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        ReconcileSnapshot snapshot = loop.snapshot();
        if (!leadership.isLeader()) {
            send(exchange, 200, TEXT, "standby: another replica leads\n");
        } else if (loop.hasSyncedOnce()) {
            send(exchange, 200, TEXT, "synced " + snapshot.revision()
                    + (snapshot.condition().isOk() ? "" : "; last round: " + snapshot.condition().message()) + "\n");
        } else {
            send(exchange, 503, TEXT, "not synced yet"
                    + (snapshot.condition().isOk() ? "" : ": " + snapshot.condition().message()) + "\n");
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (get(exchange)) {
            send(exchange, 200, PROMETHEUS_TEXT, metrics.render(leadership.isLeader(), ready()));
        }
    }

    private void gitHook(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            send(exchange, 405, TEXT, "use POST\n");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(GitHookVerifier.MAX_BODY_BYTES + 1);
        }
        if (body.length > GitHookVerifier.MAX_BODY_BYTES) {
            send(exchange, 413, TEXT, "body over " + GitHookVerifier.MAX_BODY_BYTES + " bytes\n");
            return;
        }
        Optional<String> problem = hook.orElseThrow().problem(exchange.getRequestHeaders()::getFirst, body);
        if (problem.isPresent()) {
            boolean signature = problem.get().startsWith(ReportHeaders.SIGNATURE);
            log.warn("git_hook_refused", "reason", problem.get());
            send(exchange, signature ? 401 : 400, TEXT, problem.get() + "\n");
            return;
        }
        log.info("git_hook_accepted");
        loop.triggerNow();
        send(exchange, 202, TEXT, "checking the branch tip\n");
    }

    private static boolean get(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET");
        send(exchange, 405, TEXT, "use GET\n");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
