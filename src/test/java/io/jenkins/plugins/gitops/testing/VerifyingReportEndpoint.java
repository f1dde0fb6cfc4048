package io.jenkins.plugins.gitops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.report.ReplayCache;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportVerifier;
import io.jenkins.plugins.gitops.report.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A report endpoint on a loopback port that verifies each delivery with the real
 * {@link ReportVerifier}, keeps the accepted reports and every raw body it received, and lets a
 * test wait for a report it expects.
 */
public final class VerifyingReportEndpoint implements AutoCloseable {

    private final ReportVerifier verifier;
    private final HttpServer server;
    private final List<Report> accepted = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private int cursor;

    public VerifyingReportEndpoint(byte[] secret) throws IOException {
        byte[] copy = secret.clone();
        verifier = new ReportVerifier(environment -> Optional.of(copy), Clock.systemUTC(), new ReplayCache(10_000));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gitops/report", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gitops/report");
    }

    public synchronized List<Report> accepted() {
        return List.copyOf(accepted);
    }

    /** Every body received, accepted or not, as text. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    public synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Waits for an accepted report that matches, looking from just after the report the previous
     * call returned, so a report that arrived before the call is not missed.
     */
    public synchronized Report await(Predicate<Report> expected, Duration timeout) throws InterruptedException {
        int index = indexOf(cursor, expected, timeout);
        cursor = index + 1;
        return accepted.get(index);
    }

    /** Waits for an accepted report, the {@code from}-th or later, that matches. */
    public synchronized Report awaitFrom(int from, Predicate<Report> expected, Duration timeout) throws InterruptedException {
        return accepted.get(indexOf(from, expected, timeout));
    }

    private int indexOf(int from, Predicate<Report> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int index = from;
        while (true) {
            for (; index < accepted.size(); index++) {
                if (expected.test(accepted.get(index))) {
                    return index;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no expected report within " + timeout + "; received " + accepted.size()
                        + ", refused " + refusals);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Verdict verdict = verifier.verify(exchange.getRequestHeaders(), new ByteArrayInputStream(body));
            synchronized (this) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                if (verdict.accepted()) {
                    accepted.add(verdict.report());
                } else {
                    refusals.add(verdict.status() + " " + verdict.reason());
                }
                notifyAll();
            }
            byte[] answer = (verdict.reason() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(verdict.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
