package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.jenkins.plugins.gitops.pages.BuildPage;
import io.jenkins.plugins.gitops.pages.Crumb;
import io.jenkins.plugins.gitops.pages.JobPage;
import io.jenkins.plugins.gitops.pages.Notice;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.promote.RevertEndpoint;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import io.jenkins.plugins.gitops.ui.HeadlessChromium.RenderedPage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract held end to end: job and build page view models built by {@link JobPage} and {@link BuildPage} from
 * a real report store render in chromium as the fixtures do, under the same policy, with no error.
 */
class BuiltViewModelPageTest {

    @TempDir
    Path dir;

    @Test
    void aJobPageBuiltFromStoredReportsRendersItsCard() throws Exception {
        Instant now = Instant.parse(HeadlessChromium.NOW);
        String previous = TestReports.commit("previous");
        String promoted = TestReports.commit("promoted");
        ReportStore store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.fixed(now.minusSeconds(180), ZoneOffset.UTC));
        TestReports.addTo(store, TestReports.report("staging", now.minusSeconds(1200), previous, List.of(previous), SyncPhase.SYNCED,
                Health.HEALTHY, 4, 0));
        TestReports.addTo(store, TestReports.report("staging", now.minusSeconds(600), promoted, List.of(promoted), SyncPhase.OUT_OF_SYNC,
                Health.HEALTHY, 4, 2));
        String json = JobPage.json(List.of(
                        new PromotionSummary(List.of("registry.example.com/shop/web:1.4.2"), "staging", promoted,
                                now.minusSeconds(900), "#42", "/job/shop/42/"),
                        new PromotionSummary(List.of("registry.example.com/shop/web:1.4.1"), "staging", previous,
                                now.minusSeconds(86_400), "#41", "/job/shop/41/")),
                store::environment, null);

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("job.json", json);
            try (RenderedPage page = chromium.open(server.url("/mount/generated/job.json"))) {
                assertThat(page.state()).isEqualTo("ready");
                page.assertNoErrors();
                Locator card = page.root().locator(".gitops-card[data-environment=staging]");
                assertThat(card.locator(".gitops-card__header .gitops-chip").allInnerTexts())
                        .containsExactly("Out of sync", "Healthy");
                assertThat(card.locator(".gitops-facts time").innerText()).isEqualTo("3 min ago");
                assertThat(card.innerText()).contains("6 resources (4 in sync, 2 drifted)", "Drift (2 fields)");
                assertThat(card.locator(".gitops-drift tbody tr").first().innerText())
                        .contains("Deployment shop/web-0", "/spec/replicas", "3", "5", "kubectl-scale");
                Locator promotions = card.locator(".gitops-promotions tbody tr");
                assertThat(promotions.nth(0).innerText()).contains("registry.example.com/shop/web:1.4.2", "#42", "Healthy");
                assertThat(promotions.nth(1).innerText()).contains("1.4.1", "1 day ago", "Superseded");
                assertThat(card.locator("form").count()).as("no revert address, no button").isZero();
                assertThat(card.locator("figcaption").innerText())
                        .isEqualTo("Drifted resources over the last 2 reports: now 2, at most 2.");
                page.screenshot("built-job");
            }
            assertThat(server.cspReports()).isEmpty();
        }
    }

    @Test
    void aBuildPageBuiltFromStoredReportsShowsEveryStateAndKeepsMarkupAsText() throws Exception {
        Instant now = Instant.parse(HeadlessChromium.NOW);
        String older = TestReports.commit("older");
        String newer = TestReports.commit("newer");
        ReportStore store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.fixed(now, ZoneOffset.UTC));
        List<String> environments = List.of("dev", "qa", "staging", "perf", "production");
        List<String> commits = environments.stream().map(TestReports::commit).toList();
        TestReports.addTo(store, TestReports.report("dev", now.minusSeconds(300), older, List.of(), SyncPhase.SYNCED, Health.HEALTHY, 2, 0));
        TestReports.addTo(store, TestReports.report("qa", now.minusSeconds(300), commits.get(1), List.of(commits.get(1)),
                SyncPhase.PROGRESSING, Health.PROGRESSING, 2, 0));
        TestReports.addTo(store, TestReports.report("staging", now.minusSeconds(600), commits.get(2), List.of(commits.get(2)),
                SyncPhase.PROGRESSING, Health.PROGRESSING, 2, 0));
        TestReports.addTo(store, TestReports.report("staging", now.minusSeconds(300), commits.get(2), List.of(), SyncPhase.SYNCED,
                Health.HEALTHY, 2, 0));
        TestReports.addTo(store, TestReports.report("perf", now.minusSeconds(300), commits.get(3), List.of(commits.get(3)),
                SyncPhase.SYNCED, Health.DEGRADED, 1, 1));
        TestReports.addTo(store, TestReports.report("production", now.minusSeconds(7200), commits.get(4), List.of(commits.get(4)),
                SyncPhase.SYNCED, Health.HEALTHY, 2, 0));
        TestReports.addTo(store, TestReports.report("production", now.minusSeconds(3600), newer, List.of(newer), SyncPhase.SYNCED,
                Health.HEALTHY, 2, 0));
        String payload = "<img src=x onerror=\"window.__gitopsPwned=1\">";
        List<PromotionSummary> promotions = new ArrayList<>(IntStream.range(0, environments.size())
                .mapToObj(i -> new PromotionSummary(List.of("registry.example.com/shop/web:1." + i), environments.get(i),
                        commits.get(i), now.minusSeconds(900), "#42", "/job/shop/42/"))
                .toList());
        promotions.add(new PromotionSummary(List.of("registry.example.com/shop/worker:1.0"), "staging", null,
                now.minusSeconds(900), "#42", "/job/shop/42/"));
        promotions.add(new PromotionSummary(List.of(payload), "</script><script>window.__gitopsPwned=2</script>",
                commits.get(2), now.minusSeconds(900), "#42", "/job/shop/42/"));
        String json = BuildPage.json(promotions, store::environment);

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("build.json", json);
            try (RenderedPage page = chromium.open(server.url("/mount/generated/build.json"))) {
                assertThat(page.state()).isEqualTo("ready");
                page.assertNoErrors();
                Locator blocks = page.root().locator(".gitops-promotion");
                assertThat(blocks.count()).isEqualTo(7);
                List<String> current = IntStream.range(0, 5)
                        .mapToObj(i -> blocks.nth(i).locator(".gitops-step--current").innerText().split("\\s")[0])
                        .toList();
                assertThat(current).containsExactly("Pending", "Applied", "Healthy", "Degraded", "Superseded");
                assertThat(blocks.nth(4).innerText()).containsPattern("Superseded by commit [0-9a-f]{7}");
                assertThat(blocks.nth(5).innerText()).contains("no change: the image was already there");
                assertThat(blocks.nth(6).locator(".gitops-promotion__summary").innerText())
                        .isEqualTo("Promoted " + payload + " to </script><script>window.__gitopsPwned=2</script> - commit "
                                + commits.get(2).substring(0, 7));
                assertThat(page.root().locator("img, script").count()).isZero();
                assertThat(page.page.evaluate("() => window.__gitopsPwned")).isNull();
                page.screenshot("built-build");
            }
            assertThat(server.cspReports()).isEmpty();
        }
    }

    @Test
    void revertAddressesAndTheCrumbMakeAButtonWhoseSecondClickPostsTheForm() throws Exception {
        Instant now = Instant.parse(HeadlessChromium.NOW);
        String promoted = TestReports.commit("promoted");
        String previous = TestReports.commit("previous");
        ReportStore store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, Clock.fixed(now, ZoneOffset.UTC));
        String json = JobPage.json(List.of(
                        new PromotionSummary(List.of("registry.example.com/shop/web:1.4.2"), "staging", promoted,
                                now.minusSeconds(900), "#42", "/job/shop/42/"),
                        new PromotionSummary(List.of("registry.example.com/shop/web:1.4.1"), "staging", previous,
                                now.minusSeconds(86_400), "#41", "/job/shop/41/")),
                store::environment, new Crumb("Jenkins-Crumb", "c0ffee42"),
                promotion -> promotion.commit().equals(promoted)
                        ? Optional.of(RevertEndpoint.url("/job/shop/gitops/", promotion.environment(), promotion.commit()))
                        : Optional.empty(),
                new Notice("Could not revert commit 0123456 in staging: later commits changed the same lines of apps/web/values.txt",
                        false));

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("job.json", json);
            try (RenderedPage page = chromium.open(server.url("/mount/generated/job.json"))) {
                assertThat(page.state()).isEqualTo("ready");
                page.assertNoErrors();
                Locator notice = page.root().locator(".gitops-notice");
                assertThat(notice.innerText()).startsWith("Could not revert commit 0123456 in staging");
                assertThat(notice.getAttribute("class")).contains("gitops-notice--failure");
                Locator promotions = page.root().locator(".gitops-card[data-environment=staging] .gitops-promotions tbody tr");
                assertThat(promotions.nth(1).locator("form").count()).as("no revert address, no button").isZero();
                Locator button = promotions.nth(0).locator(".gitops-revert button");
                page.screenshot("built-job-revert");

                button.click();
                assertThat(button.innerText()).isEqualTo("Confirm: revert " + promoted.substring(0, 7));
                assertThat(server.posts()).as("nothing posted after one click").isEmpty();
                button.click();
                page.page.waitForSelector("#posted");
            }
            PageServer.Post post = server.posts().get(0);
            assertThat(post.pathAndQuery()).isEqualTo("/job/shop/gitops/revert?environment=staging&commit=" + promoted);
            assertThat(post.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(post.body()).isEqualTo("Jenkins-Crumb=c0ffee42");
            assertThat(server.cspReports()).isEmpty();
        }
    }

    @Test
    void aRunningRevertsNoticeIsPolledUntilItTellsTheOutcomeThenNoLonger() throws Exception {
        String status = "/generated/status.json";
        String running = "Reverting commit 0123456 in staging...";
        String job = JobPage.json(List.of(), store -> Optional.empty(), new Crumb("Jenkins-Crumb", "c0ffee42"),
                promotion -> Optional.empty(), new Notice(running, false, status));

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("job.json", job);
            server.serve("status.json", JobPage.notice(new Notice(running, false, status)));
            try (RenderedPage page = chromium.open(server.url("/mount/generated/job.json"))) {
                Locator notice = page.root().locator(".gitops-notice");
                assertThat(notice.innerText()).isEqualTo(running);
                assertThat(notice.getAttribute("class")).contains("gitops-notice--running");
                page.page.waitForCondition(() -> server.reads("status.json") >= 1,
                        new Page.WaitForConditionOptions().setTimeout(5_000));
                assertThat(notice.innerText()).as("still running after a poll").isEqualTo(running);

                server.serve("status.json",
                        JobPage.notice(new Notice("Reverted commit 0123456 in staging as commit 9c1d2e3 on branch 'main'.", true)));
                page.page.waitForSelector(".gitops-notice.gitops-notice--success",
                        new Page.WaitForSelectorOptions().setTimeout(5_000));
                assertThat(notice.innerText()).isEqualTo("Reverted commit 0123456 in staging as commit 9c1d2e3 on branch 'main'.");
                int reads = server.reads("status.json");
                page.page.waitForTimeout(4_500);
                assertThat(server.reads("status.json")).as("no poll once the outcome is known").isEqualTo(reads);
                page.assertNoErrors();
            }
            assertThat(server.cspReports()).isEmpty();
        }
    }

    @Test
    void aFailedRevertsReasonReplacesTheRunningNoticeAsAFailure() throws Exception {
        String status = "/generated/status.json";
        String job = JobPage.json(List.of(), store -> Optional.empty(), null, promotion -> Optional.empty(),
                new Notice("Reverting commit 0123456 in staging...", false, status));
        String reason = "Could not revert commit 0123456 in staging: later commits changed the same lines of apps/web/values.txt";

        try (PageServer server = new PageServer(); HeadlessChromium chromium = HeadlessChromium.launch()) {
            server.serve("job.json", job);
            server.serve("status.json", JobPage.notice(new Notice(reason, false)));
            try (RenderedPage page = chromium.open(server.url("/mount/generated/job.json"))) {
                page.page.waitForSelector(".gitops-notice.gitops-notice--failure",
                        new Page.WaitForSelectorOptions().setTimeout(5_000));
                assertThat(page.root().locator(".gitops-notice").innerText()).isEqualTo(reason);
                page.assertNoErrors();
            }
            assertThat(server.cspReports()).isEmpty();
        }
    }
}
