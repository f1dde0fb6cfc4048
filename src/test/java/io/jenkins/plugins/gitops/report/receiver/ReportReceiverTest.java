package io.jenkins.plugins.gitops.report.receiver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.ReportHeaders;
import io.jenkins.plugins.gitops.report.ReportLimits;
import io.jenkins.plugins.gitops.report.ReportSequence;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.TestReports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report endpoint through its server-independent seam: what is stored and what is answered. The
 * verifier's full catalogue of hostile deliveries is {@code ReportVerifierTest}; here one delivery per
 * answer proves the receiver passes each verdict on and stores nothing it refused.
 */
class ReportReceiverTest {

    private static final String SECRET_TEXT = "staging-secret-9d2e7a";
    private static final byte[] SECRET = SECRET_TEXT.getBytes(UTF_8);
    private static final Clock CLOCK = Clock.fixed(TestReports.NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ReportStore store;
    private ReportReceiver receiver;
    private final List<ReportResponse> responses = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        store = ReportStore.open(dir, ReportStore.DEFAULT_HISTORY_LIMIT, CLOCK);
        receiver = new ReportReceiver(name -> name.equals("staging") ? Optional.of(SECRET) : Optional.empty(), store, CLOCK);
    }

    @AfterEach
    void answersAreOneLineWithoutTheSecret() {
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.reason()).doesNotContain("\n", "\r", SECRET_TEXT);
            assertThat(new String(response.body(), UTF_8)).isEqualTo(response.reason() + "\n");
        });
    }

    /** A delivery as the agent's sender makes it. */
    private record Delivery(Map<String, List<String>> headers, byte[] body) {

        Delivery with(String header, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            if (value == null) {
                copy.remove(header);
            } else {
                copy.put(header, List.of(value));
            }
            return new Delivery(copy, body);
        }

        Delivery withBody(byte[] newBody) {
            return new Delivery(headers, newBody);
        }
    }

    private static Delivery signed(byte[] body, long timestamp, byte[] secret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(ReportHeaders.ENVIRONMENT, List.of("staging"));
        headers.put(ReportHeaders.DELIVERY, List.of(UUID.randomUUID().toString()));
        headers.put(ReportHeaders.TIMESTAMP, List.of(Long.toString(timestamp)));
        headers.put(ReportHeaders.SIGNATURE, List.of(ReportSignature.of(secret, Long.toString(timestamp), body)));
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        return new Delivery(headers, body);
    }

    private static Delivery signed(Report report) {
        return signed(ReportCodec.encode(report), TestReports.NOW.getEpochSecond(), SECRET);
    }

    private static final String RUN = "5a0c8e2d-3f41-4b6a-9d7e-c1b2a3f4e5d6";

    /** The report one agent run wrote {@code second} seconds after NOW, numbered in that order. */
    private static Report report(int second) {
        return TestReports.at("staging", TestReports.NOW.plusSeconds(second), TestReports.commit("r" + second), 2)
                .withSequence(new ReportSequence(RUN, 100 + second));
    }

    private ReportResponse post(Delivery delivery) {
        return post("POST", delivery.headers(), new ByteArrayInputStream(delivery.body()));
    }

    private ReportResponse post(String method, Map<String, List<String>> headers, InputStream body) {
        ReportResponse response = receiver.receive(method, headers, body);
        responses.add(response);
        return response;
    }

    @Test
    void acceptsAndStoresASignedReport() {
        ReportResponse response = post(signed(report(0)));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.reason()).startsWith("accepted delivery ").endsWith(" for environment 'staging'");
        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(report(0));
    }

    @Test
    void keepsTheBytesAsSignedSoTheStoredReportCanBeVerifiedAgain() throws IOException {
        Delivery delivery = signed(report(0));

        post(delivery);

        List<Path> files;
        try (Stream<Path> listing = Files.list(dir.resolve("staging"))) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        Path stored = files.get(0);
        assertThat(Files.readAllBytes(stored)).isEqualTo(delivery.body());
        String signature = delivery.headers().get(ReportHeaders.SIGNATURE).get(0);
        assertThat(stored.getFileName().toString()).endsWith("-" + TestReports.NOW.getEpochSecond() + "-"
                + signature.substring(ReportSignature.PREFIX.length()) + ".json");
    }

    @Test
    void anAgentClockAheadOfItsOwnSignatureIsRefusedAndOneThatStepsBackIsStillTheLatest() {
        long signedAt = TestReports.NOW.getEpochSecond();
        Report yearsAhead = TestReports.at("staging", TestReports.NOW.plusSeconds(3L * 365 * 86_400), TestReports.commit("y"), 1)
                .withSequence(new ReportSequence(RUN, 1));
        Report withinTheWindow = TestReports.at("staging", TestReports.NOW.plusSeconds(250), TestReports.commit("w"), 1)
                .withSequence(new ReportSequence(RUN, 2));
        Report slightlyAhead = TestReports.at("staging", TestReports.NOW.plusSeconds(50), TestReports.commit("s"), 1)
                .withSequence(new ReportSequence(RUN, 3));
        Report afterTheClockStepsBack = TestReports.at("staging", TestReports.NOW.minusSeconds(600), TestReports.commit("b"), 1)
                .withSequence(new ReportSequence(RUN, 4));

        ReportResponse refused = post(signed(yearsAhead));
        ReportResponse alsoRefused = post(signed(withinTheWindow));
        post(signed(slightlyAhead));
        ReportResponse newest = post(signed(afterTheClockStepsBack));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("generatedAt: " + yearsAhead.generatedAt() + " is after X-GitOps-Timestamp "
                + signedAt + " by more than 60 s; a report is written before it is signed");
        assertThat(alsoRefused.status()).isEqualTo(400);
        assertThat(newest.reason()).doesNotContain("history");
        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(afterTheClockStepsBack);
    }

    @Test
    void acceptsALateReportIntoTheHistoryAndSaysSo() {
        post(signed(report(10)));

        ReportResponse late = post(signed(report(5)));

        assertThat(late.status()).isEqualTo(202);
        assertThat(late.reason()).endsWith("; its agent signed it before the latest report: kept in the history");
        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(report(10));
        assertThat(store.environment("staging").orElseThrow().history()).hasSize(2);
    }

    static Stream<Arguments> refusedDeliveries() {
        Delivery good = signed(report(0));
        long now = TestReports.NOW.getEpochSecond();
        byte[] body = good.body();
        String text = new String(body, UTF_8);
        return Stream.of(
                Arguments.of("tampered signature", (UnaryOperator<Delivery>) d -> d.with(ReportHeaders.SIGNATURE, "sha256=" + "0".repeat(64)),
                        401, "X-GitOps-Signature: does not match"),
                Arguments.of("another secret", (UnaryOperator<Delivery>) d -> signed(body, now, "guess".getBytes(UTF_8)),
                        401, "X-GitOps-Signature: does not match"),
                Arguments.of("stale timestamp", (UnaryOperator<Delivery>) d -> signed(body, now - 301, SECRET),
                        401, "X-GitOps-Timestamp: " + (now - 301) + " is 301 s in the past"),
                Arguments.of("missing delivery id", (UnaryOperator<Delivery>) d -> d.with(ReportHeaders.DELIVERY, null),
                        400, "X-GitOps-Delivery: missing"),
                Arguments.of("unknown environment", (UnaryOperator<Delivery>) d -> d.with(ReportHeaders.ENVIRONMENT, "qa"),
                        404, "X-GitOps-Environment: no environment named 'qa'"),
                Arguments.of("truncated body", (UnaryOperator<Delivery>) d -> signed(
                        text.substring(0, text.length() / 2).getBytes(UTF_8), now, SECRET), 400, "body: truncated"),
                Arguments.of("markup body", (UnaryOperator<Delivery>) d -> signed(
                        "<script>alert(1)</script>".getBytes(UTF_8), now, SECRET), 400, "body: not valid JSON"),
                Arguments.of("body about another environment", (UnaryOperator<Delivery>) d -> signed(
                        ReportCodec.encode(TestReports.at("production", TestReports.NOW, TestReports.commit("p"), 1)), now, SECRET),
                        400, "environment: 'production' in the body, but 'staging' in X-GitOps-Environment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedDeliveries")
    void refusesAndStoresNothing(String what, UnaryOperator<Delivery> change, int status, String reasonStart) {
        ReportResponse response = post(change.apply(signed(report(0))));

        assertThat(response.status()).as(response.reason()).isEqualTo(status);
        assertThat(response.reason()).startsWith(reasonStart);
        assertThat(store.environments()).isEmpty();
    }

    @Test
    void refusesAReplayAndKeepsTheReportOnce() {
        Delivery delivery = signed(report(0));
        assertThat(post(delivery).status()).isEqualTo(202);

        ReportResponse replay = post(delivery);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.reason()).endsWith(" was already delivered");
        assertThat(store.environment("staging").orElseThrow().history()).hasSize(1);
    }

    @Test
    void readsNoMoreThanTheLimitOfAnEndlessBody() {
        Delivery delivery = signed(report(0)).with("Content-Length", null);
        CountingStream endless = new CountingStream(Long.MAX_VALUE);

        ReportResponse response = post("POST", delivery.headers(), endless);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.reason()).isEqualTo("body: more than the limit of 1048576 bytes");
        assertThat(endless.read).isEqualTo(ReportLimits.MAX_BODY_BYTES + 1);
    }

    @Test
    void refusesADeclaredOversizeBodyWithoutReadingIt() {
        Delivery delivery = signed(report(0)).with("Content-Length", "1048577");
        CountingStream body = new CountingStream(2_000_000);

        ReportResponse response = post("POST", delivery.headers(), body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.reason()).startsWith("Content-Length: 1048577: more than the limit");
        assertThat(body.read).isZero();
    }

    @Test
    void answersOtherMethodsWith405AndReadsNothing() {
        CountingStream body = new CountingStream(10);

        ReportResponse get = post("GET", signed(report(0)).headers(), body);
        ReportResponse odd = post("P<OST>", Map.of(), body);

        assertThat(get.status()).isEqualTo(405);
        assertThat(get.reason()).isEqualTo("method: GET is not allowed; reports are POSTed");
        assertThat(get.headers()).containsEntry("Allow", "POST");
        assertThat(odd.reason()).isEqualTo("method: this method is not allowed; reports are POSTed");
        assertThat(body.read).isZero();
    }

    @Test
    void answersABrokenConnection() {
        ReportResponse response = post("POST", signed(report(0)).headers(), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by " + SECRET_TEXT);
            }
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo("body: could not be read: IOException");
    }

    @Test
    void answers500WhenTheStoreCannotWrite() throws IOException {
        Files.writeString(dir.resolve("staging"), "a file where the environment's directory belongs");

        ReportResponse response = post(signed(report(0)));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.reason()).isEqualTo("store: could not keep the report of environment 'staging': FileAlreadyExistsException");
    }

    /** A sender whose answer was lost retries the same delivery; once the store can write, it is kept. */
    @Test
    void acceptsTheRetryOfADeliveryItCouldNotStore() throws IOException {
        Path blocker = Files.writeString(dir.resolve("staging"), "a file where the environment's directory belongs");
        Delivery delivery = signed(report(0));
        assertThat(post(delivery).status()).isEqualTo(500);
        Files.delete(blocker);

        ReportResponse retry = post(delivery);

        assertThat(retry.status()).as(retry.reason()).isEqualTo(202);
        assertThat(store.environment("staging").orElseThrow().history()).hasSize(1);
        assertThat(post(delivery).status()).isEqualTo(409);
    }

    /** A body of {@code length} spaces that counts what was read. */
    private static final class CountingStream extends InputStream {
        private final long length;
        long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            read += n;
            return n;
        }
    }
}
