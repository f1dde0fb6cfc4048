package io.jenkins.plugins.gitops.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCodecTest {

    private static final ReportSequence SEQUENCE = new ReportSequence("9f8e7d6c-5b4a-4321-8fed-cba987654321", 42);

    @Test
    void roundTripsEveryFieldUnchanged() throws Exception {
        Report report = SampleReports.full("staging").withSequence(SEQUENCE);

        Report read = ReportCodec.decode(ReportCodec.encode(report));

        assertThat(read).isEqualTo(report);
        assertThat(ReportCodec.encode(read)).isEqualTo(ReportCodec.encode(report));
    }

    @Test
    void writesTheWireNamesOfDesign() {
        String json = new String(ReportCodec.encode(SampleReports.full("staging")), UTF_8);

        assertThat(json).startsWith("{\"schema\":1,\"environment\":\"staging\",\"agent\":{\"id\":\"gitops-agent-6b7c9\"")
                .contains("\"phase\":\"OutOfSync\"", "\"health\":\"Degraded\"", "\"status\":\"InSync\"",
                        "\"status\":\"Drifted\"", "\"type\":\"corrected\"", "\"generatedAt\":\"2026-03-01T12:00:00Z\"",
                        "\"appliedCommits\":[\"" + SampleReports.REVISION + "\",\"" + SampleReports.PREVIOUS + "\"]")
                // a cluster-scoped resource has no namespace key rather than a null one
                .contains("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"name\":\"web\"");
    }

    @Test
    void keepsDesiredAndLiveValuesExactlyAsSent() throws Exception {
        Report read = ReportCodec.decode(ReportCodec.encode(SampleReports.full("staging")));
        List<FieldDiff> diffs = read.resources().get(0).diffs();

        assertThat(diffs.get(1).desired().json()).isEqualTo("{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1.50Gi\"},\"x\":1.10}");
        assertThat(diffs.get(1).live().json()).isEqualTo("{\"limits\":{\"cpu\":\"1\"},\"x\":[true,false,null,12345678901234567890]}");
        assertThat(diffs.get(2).desired()).as("absent in Git").isNull();
        assertThat(diffs.get(3).live()).as("explicit JSON null live").isEqualTo(JsonValue.parse("null"));
    }

    @Test
    void keepsHtmlAndScriptInEveryStringFieldAsPlainData() throws Exception {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;\u2028${x}{{y}}";
        Report report = new Report(Report.SCHEMA, hostile, new AgentIdentity(hostile, hostile),
                new SourceState(hostile, hostile, hostile, SampleReports.REVISION, List.of()), SyncPhase.SYNCED,
                Health.HEALTHY,
                List.of(new ResourceEntry(hostile, hostile, hostile, hostile, ResourceStatus.DRIFTED, Health.HEALTHY,
                        List.of(new FieldDiff("/" + hostile.replace("~", "~0").replace("/", "~1"), JsonValue.of(hostile),
                                JsonValue.of(List.of(hostile)), hostile, SampleReports.NOW)),
                        hostile)),
                List.of(new ReportEvent(EventType.FAILED, SampleReports.NOW, hostile)), SampleReports.NOW, null, Omitted.NONE);

        Report read = ReportCodec.decode(ReportCodec.encode(report));

        assertThat(read).isEqualTo(report);
        assertThat(read.resources().get(0).message()).isEqualTo(hostile);
        assertThat(read.resources().get(0).diffs().get(0).desired().json())
                .isEqualTo(JsonValue.of(hostile).json());
    }

    @Test
    void roundTripsUnpairedSurrogatesAndControlCharacters() throws Exception {
        String body = new String(ReportCodec.encode(SampleReports.full("staging")), UTF_8)
                .replace("pruned ConfigMap web/old-settings", "x\\ud800y\\u0000z\\n");

        Report read = ReportCodec.decode(body.getBytes(UTF_8));

        assertThat(read.events().get(1).message()).isEqualTo("x\ud800y\u0000z\n");
        assertThat(ReportCodec.decode(ReportCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void namesTheFieldOfAnUnknownEnumValue() {
        String body = new String(ReportCodec.encode(SampleReports.full("staging")), UTF_8)
                .replaceFirst("\"status\":\"Pruned\"", "\"status\":\"Foo\"");

        assertThatThrownBy(() -> ReportCodec.decode(body.getBytes(UTF_8)))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage("resources[3].status: unknown value 'Foo' (expected one of InSync, Drifted, Missing, Pruned, Failed)");
    }

    @Test
    void namesTheFieldOfEachSchemaError() {
        String good = new String(ReportCodec.encode(SampleReports.full("staging")), UTF_8);

        assertReason(good.replace("\"schema\":1", "\"schema\":2"), "schema: unsupported version 2 (this reader knows 1)");
        assertReason(good.replace("\"schema\":1", "\"schema\":\"1\""), "schema: unsupported version '1' (this reader knows 1)");
        assertReason(good.replace("\"schema\":1,", ""), "schema: missing");
        assertReason(good.replace("\"environment\":\"staging\"", "\"environment\":7"), "environment: expected a string, got a number");
        assertReason(good.replace("\"environment\":\"staging\"", "\"environment\":\"\""), "environment: empty");
        assertReason(good.replace("\"phase\":\"OutOfSync\"", "\"phase\":\"outofsync\""),
                "phase: unknown value 'outofsync' (expected one of Synced, Progressing, OutOfSync, Failed)");
        assertReason(good.replace("\"id\":\"gitops-agent-6b7c9\",", ""), "agent.id: missing");
        assertReason(good.replace("\"branch\":\"main\"", "\"branch\":null"), "source.branch: expected a string, got null");
        assertReason(good.replace("\"revision\":\"" + SampleReports.REVISION + "\"", "\"revision\":\"HEAD\""),
                "source.revision: not a full lowercase hex commit id: 'HEAD'");
        assertReason(good.replace("\"appliedCommits\":[\"" + SampleReports.REVISION, "\"appliedCommits\":[\"abc1234"),
                "source.appliedCommits[0]: not a full lowercase hex commit id: 'abc1234'");
        assertReason(good.replace("\"name\":\"frontend\"", "\"name\":[\"frontend\"]"),
                "resources[0].name: expected a string, got an array");
        assertReason(good.replace("\"path\":\"/spec/replicas\"", "\"path\":\"spec.replicas\""),
                "resources[0].diffs[0].path: not a JSON pointer: 'spec.replicas'");
        assertReason(good.replace("\"path\":\"/spec/replicas\"", "\"path\":\"/a~2\""),
                "resources[0].diffs[0].path: not a JSON pointer: '/a~2'");
        assertReason(good.replace("\"type\":\"pruned\"", "\"type\":\"deleted\""),
                "events[1].type: unknown value 'deleted' (expected one of applied, pruned, corrected, failed)");
        assertReason(good.replace("\"generatedAt\":\"2026-03-01T12:00:00Z\"", "\"generatedAt\":\"yesterday\""),
                "generatedAt: not an RFC 3339 timestamp: 'yesterday'");
        assertReason(good.replace("\"resources\":[", "\"resources\":{\"a\":[").replace("],\"events\"", "]},\"events\""),
                "resources: expected an array, got an object");
        assertReason(good.replace("\"kind\":\"CronJob\"", "\"kind\":\"CronJob\",\"colour\":\"red\""),
                "resources[2].colour: unknown field");
        assertReason(good.replace("{\"schema\":1", "{\"extra\":true,\"schema\":1"), "extra: unknown field");
        assertReason("[" + good + "]", "body: expected an object, got an array");
        assertReason("null", "body: expected an object, got null");
    }

    @Test
    void readsAReportWithoutASequenceAsAnOlderAgentSendsItAndNamesWhatIsWrongWithOne() throws Exception {
        String unnumbered = new String(ReportCodec.encode(SampleReports.full("staging")), UTF_8);
        String numbered = new String(ReportCodec.encode(SampleReports.full("staging").withSequence(SEQUENCE)), UTF_8);

        assertThat(unnumbered).doesNotContain("sequence");
        assertThat(ReportCodec.decode(unnumbered.getBytes(UTF_8)).sequence()).isNull();
        assertThat(numbered).endsWith(",\"sequence\":{\"run\":\"" + SEQUENCE.run() + "\",\"number\":42}}");
        assertReason(numbered.replace("\"number\":42", "\"number\":0"), "sequence.number: expected a whole number from 1, got 0");
        assertReason(numbered.replace("\"number\":42", "\"number\":\"42\""),
                "sequence.number: expected a whole number from 1, got '42'");
        assertReason(numbered.replace(SEQUENCE.run(), "r".repeat(65)), "sequence.run: 65 characters, more than the limit of 64");
        assertReason(numbered.replace(",\"number\":42", ""), "sequence.number: missing");
    }

    @Test
    void roundTripsARefusedTipAndNamesWhatIsWrongWithIt() throws Exception {
        Report full = SampleReports.full("staging");
        SourceState source = full.source();
        Report refused = new Report(full.schema(), full.environment(), full.agent(), new SourceState(source.repository(), source.branch(),
                source.path(), source.revision(), source.appliedCommits(), new Refusal(SampleReports.PREVIOUS, "no signature")),
                full.phase(), full.health(), full.resources(), full.events(), full.generatedAt(), full.sequence(), full.omitted());
        String json = new String(ReportCodec.encode(refused), UTF_8);

        assertThat(ReportCodec.decode(json.getBytes(UTF_8))).isEqualTo(refused);
        assertThat(json).contains(",\"refused\":{\"revision\":\"" + SampleReports.PREVIOUS + "\",\"reason\":\"no signature\"}}");
        assertThat(new String(ReportCodec.encode(full), UTF_8)).doesNotContain("refused");
        assertReason(json.replace("\"reason\":\"no signature\"", "\"reason\":\"\""), "source.refused.reason: empty");
        assertReason(json.replace("\"reason\":", "\"why\":"), "source.refused.why: unknown field");
    }

    @Test
    void roundTripsWhatAReportOmittedAndNamesWhatIsWrongWithIt() throws Exception {
        Report full = SampleReports.full("staging");
        Report cut = full.withResources(full.resources(), new Omitted(Map.of(ResourceStatus.IN_SYNC, 49_950), 12));
        String json = new String(ReportCodec.encode(cut), UTF_8);

        assertThat(ReportCodec.decode(json.getBytes(UTF_8))).isEqualTo(cut);
        assertThat(json).contains("\"omitted\":{\"resources\":{\"InSync\":49950},\"events\":12}");
        assertThat(new String(ReportCodec.encode(full), UTF_8)).doesNotContain("omitted");
        assertReason(json.replace("\"InSync\":49950", "\"Fine\":1"), "omitted.resources.Fine: not a resource status");
        assertReason(json.replace("\"events\":12}", "\"events\":-1}"), "omitted.events: expected a whole number from 0, got -1");
    }

    @Test
    void acceptsOffsetTimestampsAndNullOptionals() throws Exception {
        String good = new String(ReportCodec.encode(SampleReports.withResources("dev", 1)), UTF_8)
                .replace("\"generatedAt\":\"2026-03-01T12:00:00Z\"", "\"generatedAt\":\"2026-03-01T13:00:00+01:00\"")
                .replace("\"name\":\"n0\"", "\"name\":\"n0\",\"namespace\":null,\"message\":null,\"diffs\":[]");

        Report read = ReportCodec.decode(good.getBytes(UTF_8));

        assertThat(read.generatedAt()).isEqualTo(SampleReports.NOW);
        assertThat(read.resources().get(0).namespace()).isNull();
    }

    @Test
    void readsTimestampsWithFractionsAndRefusesImpossibleOnes() throws Exception {
        String good = new String(ReportCodec.encode(SampleReports.withResources("dev", 1)), UTF_8);
        String at = "\"generatedAt\":\"2026-03-01T12:00:00Z\"";

        assertThat(ReportCodec.decode(good.replace(at, "\"generatedAt\":\"2026-03-01T12:00:00.5Z\"").getBytes(UTF_8))
                .generatedAt()).isEqualTo(SampleReports.NOW.plusMillis(500));
        assertThat(ReportCodec.decode(good.replace(at, "\"generatedAt\":\"2026-03-01T12:00:00.000000001Z\"").getBytes(UTF_8))
                .generatedAt()).isEqualTo(SampleReports.NOW.plusNanos(1));
        assertThat(ReportCodec.decode(good.replace(at, "\"generatedAt\":\"2026-03-01T11:00Z\"").getBytes(UTF_8))
                .generatedAt()).isEqualTo(SampleReports.NOW.minusSeconds(3600));
        for (String bad : new String[] {"2026-13-01T12:00:00Z", "2026-02-30T12:00:00Z", "2026-03-01T12:00:00.1234567891Z",
            "2026-03-01T12:00:00", "2026-03-01 12:00:00Z", "2026-03-01T12:00:0xZ", "+2026-03-01T12:00:00Z"}) {
            assertReason(good.replace(at, "\"generatedAt\":\"" + bad + "\""), "generatedAt: not an RFC 3339 timestamp: '" + bad + "'");
        }
    }

    @Test
    void refusesDuplicateKeysSinceTwoReadersCouldDisagree() {
        String good = new String(ReportCodec.encode(SampleReports.withResources("dev", 1)), UTF_8);

        assertThatThrownBy(() -> ReportCodec.decode(good.replace("{\"schema\":1,", "{\"schema\":1,\"environment\":\"prod\",")
                        .getBytes(UTF_8)))
                .hasMessageStartingWith("body: not valid JSON: Duplicate field 'environment'")
                .hasMessageContaining("at line 1, column");
    }

    @Test
    void refusesAppliedCommitsBeyondTheLimit() {
        String commits = String.join(",", java.util.Collections.nCopies(501, "\"" + SampleReports.REVISION + "\""));
        String body = new String(ReportCodec.encode(SampleReports.withResources("dev", 1)), UTF_8)
                .replace("\"appliedCommits\":[]", "\"appliedCommits\":[" + commits + "]");

        assertReason(body, "source.appliedCommits: 501 entries, more than the limit of 500");
    }

    @Test
    void jsonValueParsesWithinTheSameBounds() {
        assertThat(JsonValue.parse(" { \"a\" : [1, 2.50] } ").json()).isEqualTo("{\"a\":[1,2.50]}");
        assertThat(JsonValue.of(java.util.Map.of("k", List.of(1, "two"))).json()).isEqualTo("{\"k\":[1,\"two\"]}");
        assertThatThrownBy(() -> JsonValue.parse("[".repeat(100) + "]".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("exceeds a limit: Document nesting depth (65) exceeds the maximum allowed (64");
        assertThatThrownBy(() -> JsonValue.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonValue.of(null)).isEqualTo(JsonValue.parse("null"));
        assertThatThrownBy(() -> JsonValue.of(java.util.Map.of("ratio", List.of(Double.NaN))))
                .hasMessage("no JSON form for NaN or an infinity");
    }

    private static void assertReason(String body, String reason) {
        assertThatThrownBy(() -> ReportCodec.decode(body.getBytes(UTF_8)))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage(reason);
    }
}
