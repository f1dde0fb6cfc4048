package io.jenkins.plugins.gitops.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.report.receiver.ReportReceiver;
import io.jenkins.plugins.gitops.report.receiver.ReportResponse;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Jenkins side of the demo on one loopback port: the report endpoint ({@code POST /gitops/report},
 * the plugin's {@link ReportReceiver} over the same verifier and store), and the job page the plugin
 * shows, drawn by the plugin's own script and stylesheet from the {@link JobPage} view model.
 *
 * <ul>
 *   <li>{@code /}: the page, mounting {@code gitops.js} on {@code /data/job.json}
 *   <li>{@code /data/job.json}: the job view model of the demo's promotions and the stored reports
 *   <li>{@code /plugin/gitops/js/gitops.js}, {@code /plugin/gitops/css/gitops.css}: as Jenkins serves them
 * </ul>
 * The page gets the policy Jenkins sends, so it runs here only if it would run there.
 */
final class DemoSite implements AutoCloseable {

    static final String REPORT_PATH = "/gitops/report";
    static final String POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
            + " object-src 'none'";

    private static final String WEBAPP = "/io/jenkins/plugins/gitops/demo/webapp/";
    private static final Map<String, String> STATIC = Map.of(
            "/plugin/gitops/js/gitops.js", "text/javascript; charset=utf-8",
            "/plugin/gitops/css/gitops.css", "text/css; charset=utf-8");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>GitOps demo</title>
            <link rel="stylesheet" href="/plugin/gitops/css/gitops.css">
            <script src="/plugin/gitops/js/gitops.js" defer></script>
            </head>
            <body>
            <h1>GitOps</h1>
            <div id="gitops" data-gitops-url="/data/job.json"></div>
            </body>
            </html>
            """;

    private final HttpServer server;
    private final ExecutorService threads;
    private final ReportReceiver receiver;
    private final ReportStore store;
    private final List<PromotionSummary> promotions = new CopyOnWriteArrayList<>();

    private DemoSite(HttpServer server, ExecutorService threads, ReportReceiver receiver, ReportStore store) {
        this.server = server;
        this.threads = threads;
        this.receiver = receiver;
        this.store = store;
    }

    /** Serves on an ephemeral port of 127.0.0.1. */
    static DemoSite start(ReportReceiver receiver, ReportStore store) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "demo-site");
            thread.setDaemon(true);
            return thread;
        });
        DemoSite site = new DemoSite(server, threads, receiver, store);
        server.setExecutor(threads);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** {@code http://127.0.0.1:PORT/}: the page. */
    String pageUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Where the agent sends its reports. */
    String reportUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + REPORT_PATH;
    }

    /** Lists a promotion on the page, as the plugin records the promotions of a job's builds. */
    void promoted(PromotionSummary promotion) {
        promotions.add(promotion);
    }

    /** The page's view model now. */
    String jobJson() {
        return JobPage.json(List.copyOf(promotions), store::environment, null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(REPORT_PATH)) {
                ReportResponse response = receiver.receive(method, exchange.getRequestHeaders(), exchange.getRequestBody());
                response.headers().forEach(exchange.getResponseHeaders()::set);
                send(exchange, response.status(), ReportResponse.CONTENT_TYPE, response.body());
            } else if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET here\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
                send(exchange, 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/favicon.ico")) {
                // Browsers ask for it; there is none, and a 404 would show as an error in the console.
                send(exchange, 204, "image/x-icon", new byte[0]);
            } else if (path.equals("/data/job.json")) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, "application/json; charset=UTF-8", jobJson().getBytes(StandardCharsets.UTF_8));
            } else if (STATIC.containsKey(path)) {
                try (InputStream file = DemoSite.class.getResourceAsStream(WEBAPP + path.substring("/plugin/gitops/".length()))) {
                    if (file == null) {
                        send(exchange, 500, "text/plain; charset=utf-8", "the page's files are missing from this build\n"
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        send(exchange, 200, STATIC.get(path), file.readAllBytes());
                    }
                }
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
