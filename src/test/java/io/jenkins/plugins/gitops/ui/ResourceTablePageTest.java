package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import io.jenkins.plugins.gitops.ui.HeadlessChromium.RenderedPage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The job page's resource table with 5,000 resources: filtered, sorted and drawn a hundred rows at a time, quickly. */
@Timeout(180)
class ResourceTablePageTest {

    private static final int RESOURCES = 5_000;

    @TempDir
    Path dir;

    private static List<ResourceEntry> resources() {
        List<ResourceEntry> resources = new ArrayList<>(RESOURCES);
        for (int i = 0; i < RESOURCES; i++) {
            String kind = i % 3 == 0 ? "Deployment" : i % 3 == 1 ? "ConfigMap" : "Service";
            ResourceStatus status = i % 500 == 7 ? ResourceStatus.DRIFTED : i % 1000 == 9 ? ResourceStatus.FAILED : ResourceStatus.IN_SYNC;
            Health health = i % 250 == 3 ? Health.DEGRADED : Health.HEALTHY;
            resources.add(new ResourceEntry(kind.equals("Deployment") ? "apps/v1" : "v1", kind, "team-" + (i % 20), "app-" + i,
                    status, health, List.of(), status == ResourceStatus.FAILED ? "apply failed: admission webhook denied it" : null));
        }
        return resources;
    }

    @Test
    void fiveThousandResourcesAreFilteredAndSortedByAnyColumnAHundredRowsAtATime() throws Exception {
        Instant now = Instant.parse(HeadlessChromium.NOW);
        String revision = TestReports.commit("big");
        ReportStore store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.fixed(now.minusSeconds(60), ZoneOffset.UTC));
        TestReports.addTo(store, TestReports.at("production", now.minusSeconds(60), revision, 0).withResources(resources(), Omitted.NONE));
        String json = JobPage.json(List.of(new PromotionSummary(List.of("registry.example.com/shop/web:2.0.0"), "production", revision,
                now.minusSeconds(600), "#7", "/job/shop/7/")), store::environment, null);

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("job.json", json);
            try (RenderedPage page = chromium.open(server.url("/mount/generated/job.json"))) {
                assertThat(page.state()).isEqualTo("ready");
                page.assertNoErrors();
                Locator table = page.root().locator(".gitops-resources");
                Locator rows = table.locator("tbody tr");
                Locator caption = page.root().locator(".gitops-resources-cap");
                assertThat(page.root().locator(".gitops-section__title").allInnerTexts()).contains("Resources (5000)");
                assertThat(rows.count()).isEqualTo(100);
                assertThat(caption.innerText()).isEqualTo("Showing 100 of 5000 resources.");
                assertThat(rows.first().innerText()).as("sorted by kind, then namespace and name in numeric order")
                        .startsWith("ConfigMap\tteam-0\tapp-40\t");

                long started = System.nanoTime();
                page.page.fill(".gitops-filter", "drifted");
                assertThat(caption.innerText()).isEqualTo("Showing 10 of 10 matching, 5000 resources in all.");
                page.page.fill(".gitops-filter", "deployment degraded");
                assertThat(caption.innerText()).isEqualTo("Showing 7 of 7 matching, 5000 resources in all.");
                assertThat(rows.allInnerTexts()).allSatisfy(text -> assertThat(text).startsWith("Deployment").contains("Degraded"));
                page.page.fill(".gitops-filter", "");
                Locator name = table.locator("th button").nth(2);
                name.click();
                name.click();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(table.locator("th[aria-sort=descending]").innerText()).startsWith("Name");
                assertThat(rows.first().innerText()).as("names in reverse numeric order").contains("\tapp-4999\t");

                page.page.fill(".gitops-filter", "failed");
                assertThat(rows.first().innerText()).contains("Failed", "apply failed: admission webhook denied it");
                page.page.fill(".gitops-filter", "");
                page.page.click(".gitops-show-more");
                assertThat(rows.count()).isEqualTo(200);
                assertThat(millis).as("two filters, a clear and two sorts of 5,000 rows").isLessThan(5_000);
                page.assertNoErrors();
                page.page.fill(".gitops-filter", "team-7 drifted");
                assertThat(caption.innerText()).isEqualTo("Showing 10 of 10 matching, 5000 resources in all.");
                page.screenshot("job-resources-5000-filtered");
                page.page.fill(".gitops-filter", "");
                page.screenshot("job-resources-5000");
            }
            assertThat(server.cspReports()).isEmpty();
        }
    }
}
