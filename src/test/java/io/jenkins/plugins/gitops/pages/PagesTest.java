package io.jenkins.plugins.gitops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Refusal;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three view models, compared with the JSON docs/ui.md specifies, built from a real store. */
class PagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = TestReports.NOW;
    private static final String C1 = TestReports.commit("c1");
    private static final String C2 = TestReports.commit("c2");

    @TempDir
    Path dir;

    private ReportStore store;

    @BeforeEach
    void open() throws IOException {
        store = ReportStore.open(dir, 10, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
    }

    private static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static PromotionSummary promotion(String image, String environment, String commit, int minutesAgo, int build) {
        return new PromotionSummary(List.of(image), environment, commit, NOW.minusSeconds(60L * minutesAgo), "#" + build,
                "/job/shop/" + build + "/");
    }

    private static Report drifted(Instant at, String revision, List<String> applied) {
        return new Report(Report.SCHEMA, "staging", new AgentIdentity("agent-1", "0.1.0"),
                new SourceState("https://git.example.com/shop/config.git", "main", "staging", revision, applied),
                SyncPhase.OUT_OF_SYNC, Health.DEGRADED,
                List.of(new ResourceEntry("apps/v1", "Deployment", "shop", "web", ResourceStatus.DRIFTED, Health.DEGRADED,
                                List.of(new FieldDiff("/spec/replicas", JsonValue.of(3), JsonValue.of(5), "kubectl-scale",
                                                Instant.parse("2026-11-22T09:46:00Z")),
                                        new FieldDiff("/spec/template/spec/containers/0/resources/limits",
                                                JsonValue.parse("{\"cpu\":\"1.50\",\"memory\":1.50}"), null, null, null)),
                                "0 of 3 replicas available (ImagePullBackOff)"),
                        new ResourceEntry("v1", "Namespace", null, "shop", ResourceStatus.IN_SYNC, Health.HEALTHY, List.of(), null),
                        new ResourceEntry("v1", "ConfigMap", "shop", "old", ResourceStatus.PRUNED, Health.UNKNOWN, List.of(), null)),
                List.of(new ReportEvent(EventType.APPLIED, at, "applied")), at, null, Omitted.NONE);
    }

    @Test
    void jobPageWithoutPromotionsHasNoCards() throws IOException {
        assertThat(parse(JobPage.json(List.of(), store::environment, null)))
                .isEqualTo(parse("{\"view\":\"job\",\"crumb\":null,\"notice\":null,\"environments\":[]}"));
    }

    @Test
    void jobCardBeforeTheFirstReportShowsOnlyThePromotions() throws IOException {
        String json = JobPage.json(List.of(promotion("registry/app:1.5.1", "qa", C1, 1, 51)), store::environment,
                new Crumb("Jenkins-Crumb", "4f1c9a0e7b"));

        assertThat(parse(json)).isEqualTo(parse("""
                {"view":"job","crumb":{"field":"Jenkins-Crumb","value":"4f1c9a0e7b"},"notice":null,"environments":[
                  {"name":"qa","phase":null,"health":null,"revision":null,"revisionUrl":null,"lastReportAt":null,"droppedEvents":0,
                   "resources":null,"message":null,"drift":[],
                   "promotions":[{"image":"registry/app:1.5.1","commit":"%s","commitUrl":null,
                                  "build":{"name":"#51","url":"/job/shop/51/"},"time":"2026-11-22T09:59:00Z","state":"Pending"}],
                   "trend":[]}]}""".formatted(C1)));
    }

    @Test
    void jobPageOffersARevertWhereTheCallerGivesAnAddressAndShowsTheNotice() throws IOException {
        List<PromotionSummary> promotions = List.of(
                promotion("registry/app:1.4.2", "staging", C1, 15, 41),
                promotion("registry/app:1.5.0", "staging", C2, 5, 42));

        JsonNode view = parse(JobPage.json(promotions, store::environment, new Crumb("Jenkins-Crumb", "4f1c9a0e7b"),
                promotion -> promotion.commit().equals(C2)
                        ? java.util.Optional.of("/job/shop/gitops/revert?environment=staging&commit=" + C2)
                        : java.util.Optional.empty(),
                new Notice("Reverted commit 1234567 in staging.", true)));

        assertThat(view.get("notice")).isEqualTo(parse("{\"text\":\"Reverted commit 1234567 in staging.\",\"success\":true}"));
        JsonNode rows = view.get("environments").get(0).get("promotions");
        assertThat(rows.get(0).get("revert")).isEqualTo(parse("{\"url\":\"/job/shop/gitops/revert?environment=staging&commit=" + C2 + "\"}"));
        assertThat(rows.get(1).has("revert")).isFalse();
    }

    @Test
    void aRunningRevertsNoticeNamesWhereThePageAsksForItsOutcomeAndAFinalOneDoesNot() throws IOException {
        assertThat(parse(JobPage.notice(new Notice("Reverting commit 1234567 in staging...", false, "/job/shop/gitops/revertStatus"))))
                .isEqualTo(parse("{\"text\":\"Reverting commit 1234567 in staging...\",\"success\":false,"
                        + "\"poll\":\"/job/shop/gitops/revertStatus\"}"));
        assertThat(parse(JobPage.notice(new Notice("Reverted commit 1234567 in staging.", true))))
                .isEqualTo(parse("{\"text\":\"Reverted commit 1234567 in staging.\",\"success\":true}"));
    }

    @Test
    void jobCardShowsTheLastReportItsDriftResourcesPromotionsAndTrend() throws IOException {
        TestReports.addTo(store, TestReports.report("staging", NOW.minusSeconds(600), C1, List.of(C1), SyncPhase.SYNCED, Health.HEALTHY, 3, 0));
        TestReports.addTo(store, drifted(NOW.minusSeconds(120), C2, List.of(C2)));
        List<PromotionSummary> promotions = List.of(
                promotion("registry/app:1.4.2", "staging", C1, 15, 41),
                promotion("registry/app:1.5.0", "staging", C2, 5, 42),
                promotion("registry/app:1.5.0", "staging", null, 4, 43));

        JsonNode card = parse(JobPage.json(promotions, store::environment, null)).get("environments").get(0);

        assertThat(card).isEqualTo(parse("""
                {"name":"staging","phase":"OutOfSync","health":"Degraded","revision":"%2$s","revisionUrl":null,
                 "lastReportAt":"2026-11-22T10:00:30Z","droppedEvents":0,
                 "resources":{"total":3,"inSync":1,"drifted":1,"missing":0,"failed":0,"pruned":1,"unlisted":0},
                 "message":"Deployment shop/web: 0 of 3 replicas available (ImagePullBackOff)",
                 "drift":[
                   {"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"web"},
                    "path":"/spec/replicas","desired":3,"live":5,"manager":"kubectl-scale","changedAt":"2026-11-22T09:46:00Z"},
                   {"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"web"},
                    "path":"/spec/template/spec/containers/0/resources/limits","desired":{"cpu":"1.50","memory":1.50},
                    "live":null,"manager":null,"changedAt":null}],
                 "resourceList":[
                   {"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"web","status":"Drifted","health":"Degraded",
                    "message":"0 of 3 replicas available (ImagePullBackOff)"},
                   {"apiVersion":"v1","kind":"Namespace","namespace":null,"name":"shop","status":"InSync","health":"Healthy","message":null},
                   {"apiVersion":"v1","kind":"ConfigMap","namespace":"shop","name":"old","status":"Pruned","health":"Unknown","message":null}],
                 "resourceListOmitted":0,
                 "promotions":[
                   {"image":"registry/app:1.5.0","commit":"%2$s","commitUrl":null,"build":{"name":"#42","url":"/job/shop/42/"},
                    "time":"2026-11-22T09:55:00Z","state":"Degraded"},
                   {"image":"registry/app:1.4.2","commit":"%1$s","commitUrl":null,"build":{"name":"#41","url":"/job/shop/41/"},
                    "time":"2026-11-22T09:45:00Z","state":"Superseded"}],
                 "trend":[{"at":"2026-11-22T09:50:00Z","drifted":0},{"at":"2026-11-22T09:58:00Z","drifted":1}]}
                """.formatted(C1, C2)));
        assertThat(JobPage.json(promotions, store::environment, null)).as("numbers travel as written").contains("\"memory\":1.50");
    }

    @Test
    void jobCardsAreSortedByNameAndKeepTheNewestPromotions() throws IOException {
        List<PromotionSummary> promotions = new ArrayList<>();
        for (int i = 0; i < JobPage.RECENT_PROMOTIONS + 5; i++) {
            promotions.add(promotion("registry/app:1." + i, "staging", TestReports.commit("p" + i), 100 - i, i));
        }
        promotions.add(promotion("registry/app:2.0", "production", C1, 1, 99));

        JsonNode view = parse(JobPage.json(promotions, store::environment, null));

        assertThat(view.get("environments")).extracting(card -> card.get("name").asText()).containsExactly("production", "staging");
        JsonNode staging = view.get("environments").get(1).get("promotions");
        assertThat(staging).hasSize(JobPage.RECENT_PROMOTIONS);
        assertThat(staging.get(0).get("image").asText()).isEqualTo("registry/app:1.24");
    }

    @Test
    void aRefusedTipShowsTheAgentsReasonInEveryReportOfTheRefusalNotOnlyTheOneWithTheEvent() {
        String reason = "revision " + C2 + " refused (1 problem), still at " + C1
                + ": commit " + C2.substring(0, 7) + ": signed by an untrusted key (SSH key SHA256:abc)";
        Report later = new Report(Report.SCHEMA, "staging", new AgentIdentity("a", "1"),
                new SourceState("r", "main", ".", C1, List.of(), new Refusal(C2, reason)), SyncPhase.FAILED, Health.HEALTHY, List.of(),
                List.of(), NOW, null, Omitted.NONE);

        assertThat(JobPage.message(later)).isEqualTo(reason);
    }

    @Test
    void failedSyncWithoutAResourceMessageShowsTheLastFailureEvent() {
        Report failed = new Report(Report.SCHEMA, "staging", new AgentIdentity("a", "1"),
                new SourceState("r", "main", ".", C1, List.of()), SyncPhase.FAILED, Health.UNKNOWN, List.of(),
                List.of(new ReportEvent(EventType.FAILED, NOW, "kustomize build failed: base missing"),
                        new ReportEvent(EventType.FAILED, NOW, "apply failed: admission webhook denied")),
                NOW, null, Omitted.NONE);

        assertThat(JobPage.message(failed)).isEqualTo("apply failed: admission webhook denied");
        assertThat(JobPage.message(TestReports.at("staging", NOW, C1, 1))).isNull();
    }

    @Test
    void buildPageFollowsEachPromotionCommit() throws IOException {
        TestReports.addTo(store, TestReports.report("staging", NOW.minusSeconds(240), C1, List.of(C1), SyncPhase.PROGRESSING,
                Health.PROGRESSING, 1, 0));
        TestReports.addTo(store, TestReports.report("staging", NOW.minusSeconds(120), C1, List.of(), SyncPhase.SYNCED, Health.HEALTHY, 1, 0));
        PromotionSummary promoted = new PromotionSummary(List.of("registry/app:1.4.2", "registry/worker:1.4.2"), "staging",
                C1, NOW.minusSeconds(300), "#42", "/job/shop/42/");

        String json = BuildPage.json(List.of(promoted, promotion("registry/app:1.4.2", "production", null, 5, 42)),
                store::environment);

        assertThat(parse(json)).isEqualTo(parse("""
                {"view":"build","promotions":[
                  {"image":"registry/app:1.4.2, registry/worker:1.4.2","environment":"staging","commit":"%s","commitUrl":null,
                   "states":[{"state":"Pending","at":"2026-11-22T09:55:00Z"},{"state":"Applied","at":"2026-11-22T09:56:00Z"},
                             {"state":"Healthy","at":"2026-11-22T09:58:00Z"}],
                   "supersededBy":null,"supersededByUrl":null},
                  {"image":"registry/app:1.4.2","environment":"production","commit":null,"commitUrl":null,"states":[],
                   "supersededBy":null,"supersededByUrl":null}]}""".formatted(C1)));
    }

    @Test
    void rootPageListsEveryConfiguredEnvironmentByName() throws IOException {
        TestReports.addTo(store, TestReports.report("staging", NOW.minusSeconds(120), C1, List.of(C1), SyncPhase.SYNCED, Health.HEALTHY, 2, 1));
        TestReports.addTo(store, TestReports.at("retired", NOW, C2, 1));

        String json = RootPage.json(List.of("staging", "production"), store::environment);

        assertThat(parse(json)).isEqualTo(parse("""
                {"view":"root","environments":[
                  {"name":"production","url":null,"phase":null,"health":null,"revision":null,"revisionUrl":null,
                   "lastReportAt":null,"droppedEvents":0,"resources":null},
                  {"name":"staging","url":null,"phase":"Synced","health":"Healthy","revision":"%s","revisionUrl":null,
                   "lastReportAt":"2026-11-22T10:00:30Z","droppedEvents":0,
                   "resources":{"total":3,"inSync":2,"drifted":1,"missing":0,"failed":0,"pruned":0,"unlisted":0}}]}""".formatted(C1)));
        assertThat(RootPage.json(List.of(), name -> Optional.empty())).isEqualTo("{\"view\":\"root\",\"environments\":[]}");
    }
}
