package io.jenkins.plugins.gitops.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A report endpoint on a loopback port, verifying with the real {@link ReportVerifier}; it can be
 * stopped and started again on the same port, and told to misbehave for its next requests.
 */
final class LoopbackReceiver implements AutoCloseable {

    private final byte[] secret;
    private final ReportVerifier verifier;
    private final List<Report> accepted = new ArrayList<>();
    private final List<Integer> answers = new ArrayList<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final AtomicInteger droppedAnswers = new AtomicInteger();
    private int port;
    private HttpServer server;

    LoopbackReceiver(byte[] secret) {
        this.secret = secret.clone();
        this.verifier = new ReportVerifier(environment -> Optional.of(this.secret), Clock.systemUTC(), new ReplayCache(10_000));
    }

    /** Starts listening: on a new ephemeral port the first time, on the same port afterwards. */
    LoopbackReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/gitops/report", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    void stop() {
        server.stop(0);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/gitops/report");
    }

    /** The next {@code count} requests get 503 without being looked at. */
    void answerUnavailable(int count) {
        unavailableAnswers.set(count);
    }

    /** The next {@code count} requests are verified and kept, but the connection drops before the answer. */
    void dropAnswers(int count) {
        droppedAnswers.set(count);
    }

    synchronized List<Report> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<Integer> answers() {
        return List.copyOf(answers);
    }

    /** Every event of every accepted report, in the order they arrived. */
    synchronized List<ReportEvent> events() {
        return accepted.stream().flatMap(report -> report.events().stream()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, 503, "restarting");
                return;
            }
            Verdict verdict;
            try (InputStream body = exchange.getRequestBody()) {
                verdict = verifier.verify(exchange.getRequestHeaders(), body);
            }
            synchronized (this) {
                answers.add(verdict.status());
                if (verdict.accepted()) {
                    accepted.add(verdict.report());
                }
            }
            if (droppedAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Leaving the handler without an answer makes the server close the connection.
                throw new IOException("answer dropped on purpose");
            }
            answer(exchange, verdict.status(), verdict.reason());
        }
    }

    private static void answer(HttpExchange exchange, int status, String reason) throws IOException {
        byte[] text = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
