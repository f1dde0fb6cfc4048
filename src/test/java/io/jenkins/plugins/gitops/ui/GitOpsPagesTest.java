package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import io.jenkins.plugins.gitops.ui.HeadlessChromium.RenderedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job, build and root pages as a person sees them in chromium, rendered by gitops.js from the
 * fixture JSON under src/test/resources/ui, served under a strict Content Security Policy.
 * The fixtures' times are relative to {@link HeadlessChromium#NOW}, the pages' frozen clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOpsPagesTest {

    /** Markup that must never come out of the JSON; returns what it finds. */
    private static final String FOREIGN_MARKUP = """
            root => {
              const found = [];
              for (const e of root.querySelectorAll('*')) {
                const tag = e.localName;
                if (['script', 'img', 'iframe', 'object', 'embed', 'style', 'link', 'base', 'meta'].includes(tag)) found.push(tag);
                if (tag === 'svg' && !e.classList.contains('gitops-trend')) found.push('svg');
                for (const a of e.attributes) if (a.name.startsWith('on') || a.name === 'style') found.push(tag + '@' + a.name);
                if (tag === 'a' && !/^https?:/.test(e.href)) found.push('a ' + e.getAttribute('href'));
                if (tag === 'form' && !/^https?:/.test(e.action)) found.push('form ' + e.getAttribute('action'));
              }
              return found;
            }""";

    // Fields whose payload is not meant to be read as text: addresses, the hidden crumb, a title.
    private static final Set<String> NOT_SHOWN_AS_TEXT =
            Set.of("view", "url", "revisionUrl", "commitUrl", "supersededByUrl", "field", "value", "apiVersion");

    private PageServer server;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.launch();
        server = new PageServer();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (chromium != null) chromium.close();
    }

    static Stream<String> fixtures() {
        return PageServer.fixtureNames().stream();
    }

    private RenderedPage open(String path) {
        return chromium.open(server.url(path));
    }

    // ---- Every fixture -------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureRendersWithoutErrorsOrForeignMarkup(String fixture) {
        try (RenderedPage page = open("/both/" + fixture)) {
            assertThat(page.state()).isEqualTo("ready");
            page.assertNoErrors();
            assertThat(foreignMarkup(page)).isEmpty();
            assertThat(page.page.evaluate("() => window.__gitopsPwned")).isNull();
            assertThat(page.page.locator("#gitops-embedded").innerText())
                    .as("embedded JSON renders like fetched JSON").isEqualTo(page.visibleText());
            page.screenshot(fixture.replace(".json", ""));
        }
        assertThat(server.cspReports()).as("CSP reports").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-payloads.json", "build-payloads.json", "root-payloads.json"})
    void markupInEveryStringFieldIsShownAsTextEvenWithoutAPolicy(String fixture) throws Exception {
        List<String> payloads = shownStrings(new ObjectMapper().readTree(PageServer.fixture(fixture)));
        assertThat(payloads).isNotEmpty().allMatch(p -> p.contains("__gitopsPwned"));
        try (RenderedPage page = open("/nocsp/both/" + fixture)) {
            assertThat(page.page.evaluate("() => window.__gitopsPwned")).as("a payload ran").isNull();
            for (Locator root : List.of(page.root(), page.page.locator("#gitops-embedded"))) {
                assertThat(foreignMarkup(root)).isEmpty();
                assertThat(root.locator("a, form").count()).as("javascript: addresses became links").isZero();
                String text = root.innerText();
                assertThat(payloads).allSatisfy(payload -> assertThat(text).contains(payload));
            }
            page.assertNoErrors();
        }
    }

    // ---- Job page ------------------------------------------------------------------------------

    @Test
    void syncedHealthyCardsShowChipsRevisionAgeAndNoDrift() {
        try (RenderedPage page = open("/page/job-synced-healthy.json")) {
            Locator cards = page.root().locator(".gitops-card");
            assertThat(cards.count()).isEqualTo(2);
            Locator staging = page.root().locator(".gitops-card[data-environment=staging]");
            assertThat(staging.locator(".gitops-card__header .gitops-chip").allInnerTexts()).containsExactly("Synced", "Healthy");
            assertThat(staging.innerText()).contains("12 resources (12 in sync)", "No drift: the live objects match Git.");

            Locator revision = staging.locator(".gitops-facts a");
            assertThat(revision.innerText()).hasSize(7);
            assertThat(revision.getAttribute("href")).startsWith("https://git.example.com/shop/config/commit/");

            Locator lastReport = staging.locator(".gitops-facts time");
            assertThat(lastReport.innerText()).isEqualTo("3 min ago");
            assertThat(lastReport.getAttribute("title")).isEqualTo("Nov 22, 2026, 9:57:00 AM UTC");

            Locator promotions = staging.locator(".gitops-promotions tbody tr");
            assertThat(promotions.count()).isEqualTo(2);
            assertThat(promotions.nth(0).innerText())
                    .contains("registry.example.com/shop/web:1.4.2", "#42", "25 min ago", "Healthy", "Revert this promotion");
            assertThat(promotions.nth(1).innerText()).contains("1.4.1", "1 day ago", "Superseded");
            assertThat(promotions.nth(1).locator("form").count()).as("revert offered only where allowed").isZero();
            assertThat(promotions.nth(0).locator("a").first().getAttribute("href")).startsWith("https://git.example.com/");

            assertThat(staging.locator("svg.gitops-trend circle").count()).isEqualTo(6);
            assertThat(staging.locator("figcaption").innerText())
                    .isEqualTo("Drifted resources over the last 6 reports: now 0, at most 2.");
            assertThat(page.root().locator(".gitops-card[data-environment=production] figcaption").innerText())
                    .isEqualTo("Drifted resources over the last 5 reports: now 0, at most 0.");
        }
    }

    @Test
    void revertAsksForASecondClickThenPostsTheCrumb() {
        try (RenderedPage page = open("/page/job-synced-healthy.json")) {
            Locator button = page.root().locator(".gitops-card[data-environment=staging] .gitops-revert button");
            button.click();
            assertThat(button.innerText()).matches("Confirm: revert [0-9a-f]{7}");
            assertThat(server.posts()).as("nothing posted after one click").isEmpty();

            button.click();
            page.page.waitForSelector("#posted");
            PageServer.Post post = server.posts().get(0);
            assertThat(post.pathAndQuery()).matches("/job/shop/gitops/revert\\?environment=staging&commit=[0-9a-f]{40}");
            assertThat(post.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(post.body()).isEqualTo("Jenkins-Crumb=4f1c9a0e7b");
        }
    }

    @Test
    void progressingShowsTheAppliedPromotion() {
        try (RenderedPage page = open("/page/job-progressing.json")) {
            assertThat(page.root().locator(".gitops-card__header .gitops-chip").allInnerTexts())
                    .containsExactly("Progressing", "Progressing");
            assertThat(page.root().locator(".gitops-promotions tbody tr").first().innerText())
                    .contains("registry.example.com/shop/web:1.4.3", "2 min ago", "Applied");
            assertThat(page.root().locator(".gitops-facts time").innerText()).isEqualTo("just now");
        }
    }

    @Test
    void outOfSyncListsDriftSortedByResourceAndField() {
        try (RenderedPage page = open("/page/job-outofsync-drift.json")) {
            assertThat(page.root().locator(".gitops-chip").first().innerText()).isEqualTo("Out of sync");
            assertThat(page.visibleText()).contains("Drift (4 fields)", "12 resources (9 in sync, 3 drifted)");
            assertThat(page.root().locator(".gitops-drift thead th").allInnerTexts())
                    .containsExactly("Resource", "Field", "Git value", "Live value", "Changed by", "When");
            List<List<String>> rows = rows(page.root().locator(".gitops-drift tbody tr"));
            assertThat(rows).containsExactly(
                    List.of("ConfigMap shop/web-config", "/data/LOG_LEVEL", "(absent)", "debug", "kubectl-edit", "2 hours ago"),
                    List.of("Deployment shop/web", "/spec/replicas", "3", "5", "kubectl-scale", "14 min ago"),
                    List.of("Deployment shop/web", "/spec/template/spec/containers/0/image",
                            "registry.example.com/shop/web:1.4.2", "registry.example.com/shop/web:hotfix", "kubectl-set", "9 min ago"),
                    List.of("Secret shop/web-db", "/data/password", "*** (before)", "*** (after)", "kubectl-edit", "3 hours ago"));
            assertThat(page.root().locator(".gitops-drift tbody td").first().getAttribute("title")).isEqualTo("v1");
        }
    }

    @Test
    void aLargeEnvironmentSaysWhatItsReportOnlyCountedAndHowManyEventsTheAgentDropped() {
        try (RenderedPage page = open("/page/job-large-dropped-events.json")) {
            Locator card = page.root().locator(".gitops-card[data-environment=staging]");
            assertThat(card.locator(".gitops-facts").innerText())
                    .contains("12000 resources (12000 in sync); 11000 counted but not listed in the report");
            assertThat(card.locator(".gitops-message").innerText())
                    .isEqualTo("The agent dropped 37 events it could not deliver while Jenkins was unreachable.");
        }
    }

    @Test
    void degradedShowsHealthChipAndTheReason() {
        try (RenderedPage page = open("/page/job-degraded.json")) {
            assertThat(page.root().locator(".gitops-card__header .gitops-chip").allInnerTexts())
                    .containsExactly("Synced", "Degraded");
            assertThat(page.root().locator(".gitops-card__header .gitops-chip--bad").innerText()).isEqualTo("Degraded");
            assertThat(page.root().locator(".gitops-message").innerText())
                    .isEqualTo("Deployment shop/web: 0 of 3 replicas available (ImagePullBackOff)");
            assertThat(page.root().locator(".gitops-promotions tbody tr").first().innerText()).contains("1.5.0", "Degraded");
        }
    }

    @Test
    void failedShowsTheApplyErrorAndFailedCount() {
        try (RenderedPage page = open("/page/job-failed.json")) {
            assertThat(page.root().locator(".gitops-card__header .gitops-chip").allInnerTexts())
                    .containsExactly("Failed", "Unknown");
            assertThat(page.visibleText()).contains(
                    "apply failed: Service shop/web: spec.ports[0].port: Invalid value: 70000",
                    "12 resources (11 in sync, 1 failed)", "4 min ago", "Pending");
        }
    }

    @Test
    void environmentWithoutReportsSaysSoAndStillListsPromotions() {
        try (RenderedPage page = open("/page/job-no-reports.json")) {
            assertThat(page.root().locator(".gitops-chip").first().innerText()).isEqualTo("No report yet");
            assertThat(page.visibleText()).contains(
                    "No report from the agent yet. Sync, health and drift show up after its first report.",
                    "none yet", "never", "none reported", "registry.example.com/shop/web:1.5.1", "Pending");
            assertThat(page.root().locator(".gitops-drift, svg").count()).isZero();
        }
    }

    @Test
    void jobWithoutEnvironmentsShowsAnEmptyState() {
        try (RenderedPage page = open("/page/job-empty.json")) {
            assertThat(page.visibleText())
                    .isEqualTo("No environments yet. Promote an image with the gitopsPromote step to see it here.");
        }
    }

    @Test
    void fiveHundredDriftedResourcesAreSortedCappedAndCanAllBeShown() {
        try (RenderedPage page = open("/page/job-500-resources.json")) {
            Locator rows = page.root().locator(".gitops-drift tbody tr");
            assertThat(rows.count()).isEqualTo(25);
            assertThat(rows.nth(0).locator("td").first().innerText()).isEqualTo("Deployment shop/svc-1");
            assertThat(rows.nth(1).locator("td").first().innerText()).isEqualTo("Deployment shop/svc-2");
            assertThat(rows.nth(24).locator("td").first().innerText()).isEqualTo("Deployment shop/svc-25");
            assertThat(page.visibleText()).contains("Drift (500 fields)", "Showing 25 of 500 drifted fields.");

            page.root().getByText("Show all 500 drifted fields").click();
            assertThat(rows.count()).isEqualTo(500);
            assertThat(rows.nth(499).locator("td").first().innerText()).isEqualTo("Deployment shop/svc-500");
            assertThat(page.root().locator(".gitops-show-all").count()).isZero();
            assertThat(page.root().locator("svg.gitops-trend circle").count()).isEqualTo(20);
            page.assertNoErrors();
        }
    }

    // ---- Build page ----------------------------------------------------------------------------

    @Test
    void buildPageSaysWhatWasPromotedAndItsLiveState() {
        try (RenderedPage page = open("/page/build-healthy.json")) {
            assertThat(page.root().locator(".gitops-promotion__summary").innerText())
                    .isEqualTo("Promoted registry/app:1.4.2 to staging - commit abc1234");
            assertThat(page.root().locator(".gitops-promotion__summary strong").innerText()).isEqualTo("staging");
            assertThat(steps(page)).containsExactly("Pending 30 min ago", "Applied 28 min ago", "Healthy 26 min ago");
            assertThat(page.root().locator(".gitops-step--upcoming").count()).isZero();
            assertThat(page.root().locator(".gitops-step--current").innerText()).startsWith("Healthy");
            assertThat(page.root().locator(".gitops-step time").first().getAttribute("title"))
                    .isEqualTo("Nov 22, 2026, 9:30:00 AM UTC");
        }
    }

    @Test
    void pendingAndAppliedPromotionsShowTheStepsStillToCome() {
        try (RenderedPage page = open("/page/build-pending.json")) {
            assertThat(steps(page)).containsExactly("Pending 1 min ago", "Applied", "Healthy");
            assertThat(page.root().locator(".gitops-step--upcoming").count()).isEqualTo(2);
        }
        try (RenderedPage page = open("/page/build-applied.json")) {
            assertThat(steps(page)).containsExactly("Pending 5 min ago", "Applied 2 min ago", "Healthy");
            assertThat(page.root().locator(".gitops-step--upcoming").count()).isEqualTo(1);
        }
    }

    @Test
    void degradedAndSupersededPromotionsEndTheTimeline() {
        try (RenderedPage page = open("/page/build-degraded.json")) {
            assertThat(steps(page)).containsExactly("Pending 40 min ago", "Applied 35 min ago", "Degraded 30 min ago");
            assertThat(page.root().locator(".gitops-step--bad").innerText()).startsWith("Degraded");
        }
        try (RenderedPage page = open("/page/build-superseded.json")) {
            assertThat(steps(page)).containsExactly(
                    "Pending 1 day ago", "Applied 23 hours ago", "Healthy 23 hours ago", "Superseded 2 hours ago");
            assertThat(page.visibleText()).containsPattern("Superseded by commit [0-9a-f]{7}");
            assertThat(page.root().locator(".gitops-promotion__summary").nth(1).innerText())
                    .isEqualTo("Promoted registry/worker:1.4.1 to staging - no change: the image was already there");
        }
    }

    @Test
    void buildWithoutPromotionsSaysSo() {
        try (RenderedPage page = open("/page/build-empty.json")) {
            assertThat(page.visibleText()).isEqualTo("This build promoted nothing.");
        }
    }

    // ---- Root page -----------------------------------------------------------------------------

    @Test
    void rootPageListsEveryEnvironmentByName() {
        try (RenderedPage page = open("/page/root.json")) {
            List<List<String>> rows = rows(page.root().locator(".gitops-environments tbody tr")).stream()
                    .map(cells -> cells.stream().map(c -> c.matches("[0-9a-f]{7}") ? "<sha>" : c).toList())
                    .toList();
            assertThat(rows).containsExactly(
                    List.of("dev", "Failed", "Unknown", "<sha>", "8 resources (7 in sync, 1 failed)", "3 hours ago"),
                    List.of("production", "Synced", "Degraded", "<sha>", "14 resources (14 in sync)", "1 min ago"),
                    List.of("qa", "No report yet", "-", "none yet", "none reported", "never"),
                    List.of("staging", "Out of sync", "Healthy", "<sha>", "12 resources (9 in sync, 3 drifted)", "2 min ago"));
            assertThat(page.root().locator("a.gitops-environment-name").first().getAttribute("href"))
                    .isEqualTo(server.url("/gitops/environment/dev/"));
        }
    }

    @Test
    void rootWithoutEnvironmentsShowsAnEmptyState() {
        try (RenderedPage page = open("/page/root-empty.json")) {
            assertThat(page.visibleText()).isEqualTo(
                    "No environments are configured. Add one in the GitOps section of the system configuration.");
        }
    }

    // ---- Errors --------------------------------------------------------------------------------

    @Test
    void serverErrorShowsAnErrorStateWithRetry() {
        try (RenderedPage page = open("/mount/fail/500")) {
            assertThat(page.state()).isEqualTo("error");
            assertThat(page.root().locator("[role=alert]").innerText())
                    .startsWith("Could not show GitOps data: the server answered 500");
            assertThat(page.root().locator("button.gitops-retry").innerText()).isEqualTo("Try again");
            assertThat(page.pageErrors).isEmpty();
            assertThat(page.cspViolations()).isEmpty();
        }
    }

    @Test
    void tryAgainLoadsTheDataOnceTheServerAnswers() {
        try (RenderedPage page = open("/mount/fails-once/job-synced-healthy.json")) {
            assertThat(page.visibleText()).startsWith("Could not show GitOps data: the server answered 503");
            page.root().getByText("Try again").click();
            page.page.waitForSelector("#gitops[data-gitops-state=ready]");
            assertThat(page.root().locator(".gitops-card").count()).isEqualTo(2);
        }
    }

    @Test
    void dataThatIsNotJsonOrNamesNoViewShowsAnErrorState() {
        try (RenderedPage page = open("/mount/fixtures/restarting.txt")) {
            assertThat(page.visibleText()).isEqualTo("Could not show GitOps data: the server sent data that is not JSON. Try again");
            page.assertNoErrors();
        }
        try (RenderedPage page = open("/mount/fixtures/unknown-view.txt")) {
            assertThat(page.visibleText()).isEqualTo("Could not show GitOps data: the data names no known view (job, build or root).");
            page.assertNoErrors();
        }
    }

    @Test
    void dataFromAnotherOriginIsNotFetched() {
        try (RenderedPage page = open("/foreign/job-synced-healthy.json")) {
            assertThat(page.visibleText()).isEqualTo("Could not show GitOps data: the data address is not on this server.");
            page.assertNoErrors();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static List<String> foreignMarkup(RenderedPage page) {
        return foreignMarkup(page.root());
    }

    @SuppressWarnings("unchecked")
    private static List<String> foreignMarkup(Locator root) {
        return (List<String>) root.evaluate(FOREIGN_MARKUP);
    }

    /** The cells' text of each table row, read in one go. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(Locator rows) {
        return (List<List<String>>) rows.evaluateAll("rows => rows.map(r => [...r.cells].map(c => c.innerText))");
    }

    private static List<String> steps(RenderedPage page) {
        return page.root().locator(".gitops-step").allInnerTexts().stream()
                .map(s -> s.replaceAll("\\s+", " ").trim()).toList();
    }

    /** Every string of the fixture a person should read on the page, with where it sits. */
    private static List<String> shownStrings(JsonNode node) {
        List<String> found = new ArrayList<>();
        collect(node, null, false, found);
        return found;
    }

    private static void collect(JsonNode node, String key, boolean inTrend, List<String> found) {
        if (node.isTextual() && !inTrend && !NOT_SHOWN_AS_TEXT.contains(key)) found.add(node.textValue());
        if (node.isArray()) node.forEach(child -> collect(child, key, inTrend, found));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), field.getKey(), inTrend || field.getKey().equals("trend"), found);
            }
        }
    }
}
