package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.ReportSender;
import io.jenkins.plugins.gitops.report.receiver.ReportReceiver;
import io.jenkins.plugins.gitops.report.receiver.ReportResponse;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import io.jenkins.plugins.gitops.ui.HeadlessChromium.RenderedPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment of 50,000 objects, long names and large drifts, reported the whole way: the agent's sender
 * over HTTP to the receiver and store Jenkins uses, and the job page built from the store in Chromium.
 */
@Timeout(300)
class LargeEnvironmentPageTest {

    private static final byte[] SECRET = "large-environment-secret".getBytes(StandardCharsets.UTF_8);
    private static final int OBJECTS = 50_000;
    private static final int DRIFTED = 50;
    private static final String LONG = "a-rather-long-generated-name-".repeat(8);

    @TempDir
    Path dir;

    private static Report environment(Instant now) {
        List<ResourceEntry> resources = new ArrayList<>(OBJECTS);
        for (int i = 0; i < OBJECTS; i++) {
            boolean drifted = i % (OBJECTS / DRIFTED) == 0;
            List<FieldDiff> diffs = new ArrayList<>();
            for (int field = 0; drifted && field < 30; field++) {
                diffs.add(new FieldDiff("/data/key-" + field, JsonValue.of("d".repeat(5_000)), JsonValue.of("l".repeat(5_000)),
                        "kubectl-edit", now.minusSeconds(60)));
            }
            resources.add(new ResourceEntry("v1", "ConfigMap", "shop", LONG + i,
                    drifted ? ResourceStatus.DRIFTED : ResourceStatus.IN_SYNC, Health.HEALTHY, diffs, null));
        }
        return TestReports.at("production", now, TestReports.commit("big"), 0).withResources(resources, Omitted.NONE);
    }

    /** The receiver Jenkins runs, on a loopback port. */
    private static HttpServer serve(ReportReceiver receiver) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gitops/report", exchange -> answer(exchange, receiver.receive(exchange.getRequestMethod(),
                exchange.getRequestHeaders(), exchange.getRequestBody())));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, ReportResponse response) throws IOException {
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Test
    void aReportOfFiftyThousandObjectsIsAcceptedAndItsJobPageCountsEveryOneAndListsTheDrift() throws Exception {
        Instant now = Instant.now();
        ReportStore store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.systemUTC());
        HttpServer server = serve(new ReportReceiver(name -> Optional.of(SECRET), store, Clock.systemUTC()));
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gitops/report");
        try (ReportSender sender = ReportSender.start(endpoint, SECRET, ReportSender.Backoff.DEFAULT, Duration.ofSeconds(30), 100)) {
            sender.submit(environment(now));
            assertThat(sender.awaitDelivered(Duration.ofSeconds(120))).isTrue();
            assertThat(sender.status().delivered()).as(String.valueOf(sender.status().lastFailure())).isEqualTo(1);
        } finally {
            server.stop(0);
        }
        String json = JobPage.json(List.of(new PromotionSummary(List.of("registry.example.com/shop/web:2.0.0"), "production",
                TestReports.commit("big"), now.minusSeconds(600), "#7", "/job/shop/7/")), store::environment, null);

        try (PageServer pages = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            pages.serve("job.json", json);
            try (RenderedPage page = chromium.open(pages.url("/mount/generated/job.json"))) {
                assertThat(page.state()).isEqualTo("ready");
                page.assertNoErrors();
                Locator card = page.root().locator(".gitops-card[data-environment=production]");
                assertThat(card.innerText()).contains("50000 resources (49950 in sync, 50 drifted);"
                        + " 49950 counted but not listed in the report", "Drift (" + DRIFTED * 20 + " fields)");
                assertThat(card.locator(".gitops-drift tbody tr").first().innerText())
                        .contains("/data/key-0", "(5002 characters of JSON, not shown)", "kubectl-edit");
                page.screenshot("large-environment");
            }
            assertThat(pages.cspReports()).isEmpty();
        }
    }
}
