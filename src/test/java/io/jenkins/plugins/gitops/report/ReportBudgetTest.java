package io.jenkins.plugins.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportBudgetTest {

    private static final Instant AT = SampleReports.NOW;
    /** Names near Kubernetes' limit of 253 characters: the reports that used to outgrow the receiver first. */
    private static final String LONG = "a-rather-long-generated-name-".repeat(8);

    /** {@code total} resources with long names; every thousandth drifted in 30 fields with 5 KiB values. */
    static Report environment(int total) {
        List<ResourceEntry> resources = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            boolean drifted = i % 1000 == 0;
            resources.add(new ResourceEntry("v1", "ConfigMap", "shop", LONG + i,
                    drifted ? ResourceStatus.DRIFTED : ResourceStatus.IN_SYNC, Health.HEALTHY,
                    drifted ? diffs(30) : List.of(), drifted ? "30 fields drifted" : null));
        }
        Report base = SampleReports.withResources("production", 0);
        return base.withResources(resources, Omitted.NONE);
    }

    private static List<FieldDiff> diffs(int count) {
        List<FieldDiff> diffs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            diffs.add(new FieldDiff("/data/key-" + i, JsonValue.of("d".repeat(5_000)), JsonValue.of("l".repeat(5_000)),
                    "kubectl-edit", AT));
        }
        return diffs;
    }

    private static Map<ResourceStatus, Integer> byStatus(List<ResourceEntry> resources) {
        Map<ResourceStatus, Integer> counts = new EnumMap<>(ResourceStatus.class);
        resources.forEach(entry -> counts.merge(entry.status(), 1, Integer::sum));
        return counts;
    }

    @Test
    void aReportWithinTheLimitsIsSentAsItIs() {
        Report report = SampleReports.full("production");

        assertThat(ReportBudget.fit(report)).isEqualTo(report);
    }

    @Test
    void aResourceListsAtMostTwentyDiffsSaysHowManyMoreAndReplacesHugeValuesByTheirLength() {
        Report report = environment(1);

        ResourceEntry entry = ReportBudget.fit(report).resources().get(0);

        assertThat(entry.diffs()).hasSize(ReportBudget.MAX_DIFFS);
        assertThat(entry.message()).isEqualTo("30 fields drifted; 10 more fields differ, not listed");
        assertThat(entry.diffs().get(0).desired()).isEqualTo(JsonValue.of("(5002 characters of JSON, not shown)"));
        assertThat(entry.diffs().get(0).path()).isEqualTo("/data/key-0");
        assertThat(entry.diffs().get(0).manager()).isEqualTo("kubectl-edit");
    }

    @ParameterizedTest(name = "{0} resources")
    @ValueSource(ints = {10_000, 50_000})
    void anEnvironmentOfAnySizeFitsTheReceiverListingWhatIsNotInSyncAndCountingTheRest(int total) throws Exception {
        Report report = environment(total);

        Report fitted = ReportBudget.fit(report);
        byte[] body = ReportCodec.encode(fitted);

        assertThat(body.length).isLessThanOrEqualTo(ReportLimits.MAX_BODY_BYTES);
        Report received = ReportCodec.decode(body);
        assertThat(byStatus(received.resources())).as("every resource out of sync is listed")
                .isEqualTo(Map.of(ResourceStatus.DRIFTED, total / 1000));
        assertThat(received.resources()).extracting(entry -> entry.diffs().size()).containsOnly(ReportBudget.MAX_DIFFS);
        assertThat(received.omitted().resources()).isEqualTo(Map.of(ResourceStatus.IN_SYNC, total - total / 1000));
        assertThat(received.phase()).isEqualTo(report.phase());
    }

    @Test
    void whenEvenTheResourcesOutOfSyncDoNotFitTheWorstAreListedFirstAndTheRestCounted() throws Exception {
        List<ResourceEntry> resources = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            resources.add(new ResourceEntry("v1", "ConfigMap", "shop", LONG + i,
                    i % 2 == 0 ? ResourceStatus.DRIFTED : ResourceStatus.FAILED, Health.DEGRADED, List.of(), "broken " + i));
        }
        Report report = SampleReports.withResources("production", 0).withResources(resources, Omitted.NONE);

        Report received = ReportCodec.decode(ReportCodec.encode(ReportBudget.fit(report)));

        Map<ResourceStatus, Integer> listed = byStatus(received.resources());
        assertThat(listed.get(ResourceStatus.FAILED)).isEqualTo(10_000 - received.omitted().resources()
                .getOrDefault(ResourceStatus.FAILED, 0));
        assertThat(received.omitted().resources()).containsEntry(ResourceStatus.DRIFTED,
                10_000 - listed.getOrDefault(ResourceStatus.DRIFTED, 0));
        assertThat(listed.getOrDefault(ResourceStatus.DRIFTED, 0)).as("failed ones are listed first")
                .isLessThan(listed.get(ResourceStatus.FAILED));
        assertThat(received.resources().size() + received.omitted().resourceCount()).isEqualTo(20_000);
    }

    @Test
    void theCountOfDroppedEventsTravelsWithTheReport() throws Exception {
        Report report = SampleReports.full("production");
        Report dropping = report.withResources(report.resources(), Omitted.NONE.withEvents(12));

        assertThat(ReportCodec.decode(ReportCodec.encode(ReportBudget.fit(dropping))).omitted().events()).isEqualTo(12);
    }
}
