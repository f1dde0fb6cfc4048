package io.jenkins.plugins.gitops.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the pages the way Jenkins would, on a loopback port: the static files under the plugin's
 * resource path, the fixture JSON, and host pages that mount gitops.js on a fixture, all under a
 * strict Content Security Policy. Records form POSTs (the revert button) and CSP reports.
 *
 * <ul>
 *   <li>{@code /plugin/gitops/...}: {@code src/main/webapp}
 *   <li>{@code /fixtures/NAME}: {@code src/test/resources/ui/NAME}
 *   <li>{@code /page/NAME}: a host page whose root element has {@code data-gitops-url="/fixtures/NAME"}
 *   <li>{@code /both/NAME}: a host page with that root and a second one, {@code #gitops-embedded}, holding
 *       the fixture embedded as {@code application/json}
 *   <li>{@code /nocsp/...}: the same pages without any policy, to prove the renderer alone is safe
 *   <li>{@code /mount/PATH}: a host page whose root element has {@code data-gitops-url="/PATH"}
 *   <li>{@code /generated/NAME}: JSON a test handed to {@link #serve}, such as a view model built by the
 *       {@code pages} builders; the reads are counted
 *   <li>{@code /fails-once/NAME}: answers 503 the first time, then the fixture
 *   <li>{@code /fail/500}: answers 500; {@code /foreign/NAME}: a root pointing at another origin
 * </ul>
 */
final class PageServer implements AutoCloseable {

    static final String POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
            + " object-src 'none'; report-uri /csp-report";

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Path FIXTURES = Path.of("src/test/resources/ui");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    /** A form POST as the server received it. */
    record Post(String pathAndQuery, String contentType, String body) {}

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> cspReports = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger(1);
    private final Map<String, String> generated = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> generatedReads = new java.util.concurrent.ConcurrentHashMap<>();

    PageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code json} at {@code /generated/NAME}. */
    void serve(String name, String json) {
        generated.put(name, json);
    }

    /** How many times {@code /generated/NAME} was read. */
    int reads(String name) {
        AtomicInteger reads = generatedReads.get(name);
        return reads == null ? 0 : reads.get();
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    List<String> cspReports() {
        return List.copyOf(cspReports);
    }

    static List<String> fixtureNames() {
        try (var files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (path.equals("/csp-report")) {
                    cspReports.add(body);
                    send(exchange, 204, null, new byte[0], false);
                } else {
                    posts.add(new Post(exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                    send(exchange, 200, "text/html; charset=utf-8", html("<p id=\"posted\">Recorded</p>"), true);
                }
                return;
            }
            boolean policy = !path.startsWith("/nocsp/");
            String route = policy ? path : path.substring("/nocsp".length());
            if (route.startsWith("/plugin/gitops/")) {
                file(exchange, WEBAPP, route.substring("/plugin/gitops/".length()), policy);
            } else if (route.startsWith("/generated/") && generated.containsKey(route.substring("/generated/".length()))) {
                generatedReads.computeIfAbsent(route.substring("/generated/".length()), name -> new AtomicInteger()).incrementAndGet();
                send(exchange, 200, TYPES.get("json"),
                        generated.get(route.substring("/generated/".length())).getBytes(StandardCharsets.UTF_8), policy);
            } else if (route.startsWith("/fixtures/")) {
                file(exchange, FIXTURES, route.substring("/fixtures/".length()), policy);
            } else if (route.startsWith("/page/")) {
                String source = "/fixtures/" + route.substring("/page/".length());
                send(exchange, 200, "text/html; charset=utf-8", host("<div id=\"gitops\" data-gitops-url=\"" + source + "\"></div>"), policy);
            } else if (route.startsWith("/both/")) {
                String name = route.substring("/both/".length());
                send(exchange, 200, "text/html; charset=utf-8", host("<div id=\"gitops\" data-gitops-url=\"/fixtures/" + name + "\"></div>"
                        + "<hr><div id=\"gitops-embedded\" data-gitops-embedded>"
                        + "<script type=\"application/json\">" + embeddable(fixture(name)) + "</script></div>"), policy);
            } else if (route.startsWith("/mount/")) {
                String source = route.substring("/mount".length());
                send(exchange, 200, "text/html; charset=utf-8", host("<div id=\"gitops\" data-gitops-url=\"" + source + "\"></div>"), policy);
            } else if (route.startsWith("/foreign/")) {
                send(exchange, 200, "text/html; charset=utf-8",
                        host("<div id=\"gitops\" data-gitops-url=\"https://elsewhere.example/" + route.substring(9) + "\"></div>"), policy);
            } else if (route.startsWith("/fails-once/")) {
                if (failuresLeft.getAndDecrement() > 0) {
                    send(exchange, 503, "text/plain; charset=utf-8", "restarting".getBytes(StandardCharsets.UTF_8), policy);
                } else {
                    file(exchange, FIXTURES, route.substring("/fails-once/".length()), policy);
                }
            } else if (route.equals("/favicon.ico")) {
                // Chromium asks for it on a context's first page; a 404 would be logged as a console error.
                send(exchange, 204, null, new byte[0], policy);
            } else if (route.equals("/fail/500")) {
                send(exchange, 500, "text/plain; charset=utf-8", "boom".getBytes(StandardCharsets.UTF_8), policy);
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8), policy);
            }
        }
    }

    private void file(HttpExchange exchange, Path root, String relative, boolean policy) throws IOException {
        Path file = root.resolve(relative).normalize();
        String name = file.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (!file.startsWith(root) || type == null || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8), policy);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            send(exchange, 200, type, in.readAllBytes(), policy);
        }
    }

    /** JSON that cannot end the script element it sits in, nor start markup. */
    private static String embeddable(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static byte[] host(String root) {
        return html("<h1>GitOps</h1>" + root);
    }

    private static byte[] html(String body) {
        return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GitOps</title>"
                + "<link rel=\"stylesheet\" href=\"/plugin/gitops/css/gitops.css\">"
                + "<script src=\"/plugin/gitops/js/gitops.js\" defer></script></head>"
                + "<body><main>" + body + "</main></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean policy) throws IOException {
        if (type != null) exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (policy) exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
