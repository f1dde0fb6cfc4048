package io.jenkins.plugins.gitops.report.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.ReportSequence;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.report.SignedReport;
import io.jenkins.plugins.gitops.report.store.ReportStore.Placement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {

    private static final Instant T0 = TestReports.NOW;
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger storeLogger = Logger.getLogger(EnvironmentLog.class.getName());

    @BeforeEach
    void captureWarnings() {
        storeLogger.addHandler(capture);
    }

    @AfterEach
    void releaseWarnings() {
        storeLogger.removeHandler(capture);
    }

    private ReportStore open(int limit) throws IOException {
        return ReportStore.open(dir, limit, CLOCK);
    }

    private static final String RUN = "2d1f9c3e-0a4b-4c5d-9e8f-7a6b5c4d3e2f";

    /** The report one agent run wrote {@code second} seconds after T0, numbered in that order. */
    private static Report at(int second) {
        return TestReports.at("staging", T0.plusSeconds(second), TestReports.commit("r" + second), 1)
                .withSequence(new ReportSequence(RUN, second + 1));
    }

    private static List<Instant> times(EnvironmentReports reports) {
        return reports.history().stream().map(ReportSummary::generatedAt).toList();
    }

    private List<String> files(String environment) throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve(environment))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheLatestReportAndItsHistoryAcrossARestart() throws IOException {
        ReportStore store = open(100);
        for (int i = 0; i < 3; i++) {
            assertThat(TestReports.addTo(store, at(i))).isEqualTo(Placement.LATEST);
        }

        EnvironmentReports reloaded = open(100).environment("staging").orElseThrow();

        assertThat(reloaded.latest().report()).isEqualTo(at(2));
        assertThat(reloaded.latest().receivedAt()).isEqualTo(CLOCK.instant());
        assertThat(times(reloaded)).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(open(100).environment("production")).isEmpty();
    }

    @Test
    void keepsTheExactSignedBytesInAFileNamedAfterTheirEnvelope() throws Exception {
        // Bytes our encoder does not write (indented): a store that re-encodes loses what was signed.
        ObjectMapper json = new ObjectMapper();
        byte[] signedBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(json.readTree(ReportCodec.encode(at(0))));
        assertThat(ReportCodec.decode(signedBytes)).isEqualTo(at(0));
        SignedReport delivery = new SignedReport("staging", "6f1c1f4e-8a7e-4b8e-9a51-2f5b1f1f6a10", T0.getEpochSecond(),
                ReportSignature.of(TestReports.SECRET, Long.toString(T0.getEpochSecond()), signedBytes), signedBytes);

        open(100).add(at(0), delivery);

        String name = files("staging").get(0);
        assertThat(files("staging")).hasSize(1);
        assertThat(name).isEqualTo("report-1-" + CLOCK.millis() + "-" + T0.getEpochSecond() + "-"
                + delivery.signature().substring("sha256=".length()) + ".json");
        assertThat(Files.readAllBytes(dir.resolve("staging").resolve(name))).isEqualTo(signedBytes);
        assertThat(open(100).environment("staging").orElseThrow().latest().report()).isEqualTo(at(0));
    }

    @Test
    void loadsReportsStoredBeforeTheStoreKeptTheSignedBytes() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.write(staging.resolve("report-7-1000.json"), ReportCodec.encode(at(3)));

        ReportStore store = open(10);

        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(at(3));
        assertThat(TestReports.addTo(store, at(4))).isEqualTo(Placement.LATEST);
        assertThat(files("staging")).hasSize(2).anySatisfy(n -> assertThat(n).startsWith("report-8-"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void boundsTheHistoryAndDeletesTheOldestFiles() throws IOException {
        ReportStore store = open(3);
        for (int i = 0; i < 5; i++) {
            TestReports.addTo(store, at(i));
        }

        assertThat(times(store.environment("staging").orElseThrow()))
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(files("staging")).hasSize(3);
        assertThat(times(open(3).environment("staging").orElseThrow())).hasSize(3).last().isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void aReportItsAgentNumberedBeforeTheLatestTakesItsPlaceInTheHistoryWithoutReplacingTheLatest() throws IOException {
        ReportStore store = open(3);
        TestReports.addTo(store, at(10));
        TestReports.addTo(store, at(30));

        assertThat(TestReports.addTo(store, at(20))).isEqualTo(Placement.HISTORY);
        EnvironmentReports reports = store.environment("staging").orElseThrow();
        assertThat(reports.latest().report()).isEqualTo(at(30));
        assertThat(times(reports)).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));

        assertThat(TestReports.addTo(store, at(5))).as("numbered before a full history").isEqualTo(Placement.TOO_OLD);
        assertThat(files("staging")).hasSize(3);
        assertThat(times(open(3).environment("staging").orElseThrow()))
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
    }

    @Test
    void anAgentClockRunningAheadDoesNotFreezeTheLatestReport() throws IOException {
        ReportStore store = open(10);
        Report fromTheFuture = TestReports.at("staging", Instant.parse("2031-01-01T00:00:00Z"), TestReports.commit("f"), 1)
                .withSequence(new ReportSequence(RUN, 1));
        Report corrected = TestReports.at("staging", T0, TestReports.commit("c"), 1).withSequence(new ReportSequence(RUN, 2));
        Report unnumbered = TestReports.at("staging", T0.minusSeconds(3600), TestReports.commit("u"), 1);

        TestReports.addTo(store, fromTheFuture);

        assertThat(TestReports.addTo(store, corrected)).isEqualTo(Placement.LATEST);
        assertThat(TestReports.addTo(store, unnumbered)).as("an agent older than numbering").isEqualTo(Placement.LATEST);
        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(unnumbered);
        assertThat(open(10).environment("staging").orElseThrow().history()).extracting(ReportSummary::revision)
                .containsExactly(TestReports.commit("f"), TestReports.commit("c"), TestReports.commit("u"));
    }

    @Test
    void aRestartedAgentsFirstReportIsTheLatestThoughItsNumberIsLower() throws IOException {
        ReportStore store = open(10);
        TestReports.addTo(store, at(40));
        Report afterRestart = TestReports.at("staging", T0.plusSeconds(41), TestReports.commit("n"), 1)
                .withSequence(new ReportSequence("0b7e4c1a-5d6f-4e3a-8b2c-1d0e9f8a7b6c", 1));

        assertThat(TestReports.addTo(store, afterRestart)).isEqualTo(Placement.LATEST);
        assertThat(TestReports.addTo(store, at(30))).as("the old run's late delivery").isEqualTo(Placement.HISTORY);
        assertThat(open(10).environment("staging").orElseThrow().latest().report()).isEqualTo(afterRestart);
    }

    @Test
    void reportsWithTheSameTimeKeepTheirOrderOfReceipt() throws IOException {
        ReportStore store = open(10);
        Report first = TestReports.at("staging", T0, TestReports.commit("a"), 1);
        Report second = TestReports.at("staging", T0, TestReports.commit("b"), 1);
        TestReports.addTo(store, first);
        TestReports.addTo(store, second);

        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(second);
        assertThat(open(10).environment("staging").orElseThrow().latest().report()).isEqualTo(second);
    }

    @Test
    void keepsEnvironmentsApart() throws IOException {
        ReportStore store = open(10);
        TestReports.addTo(store, TestReports.at("staging", T0, TestReports.commit("s"), 1));
        TestReports.addTo(store, TestReports.at("production", T0, TestReports.commit("p"), 2));

        assertThat(open(10).environments()).extracting(EnvironmentReports::environment).containsExactly("production", "staging");
        assertThat(store.environment("production").orElseThrow().latest().report().source().revision())
                .isEqualTo(TestReports.commit("p"));
    }

    @Test
    void setsATruncatedFileAsideAndLoadsTheRest() throws IOException {
        ReportStore store = open(10);
        TestReports.addTo(store, at(0));
        TestReports.addTo(store, at(1));
        Path newest = dir.resolve("staging").resolve(files("staging").get(1));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));

        EnvironmentReports reloaded = open(10).environment("staging").orElseThrow();

        assertThat(reloaded.latest().report()).isEqualTo(at(0));
        assertThat(files("staging")).hasSize(2).anySatisfy(name -> assertThat(name)
                .matches("report-2-[0-9]+-[0-9]+-[0-9a-f]{64}\\.json\\.corrupt-20261122T100005000Z"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(formatted(w))
                .contains("set aside", "body: truncated"));
    }

    @Test
    void setsAsideGarbageAnEmptyFileAndAReportOfAnotherEnvironment() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.writeString(staging.resolve("report-1-1000.json"), "<html>not a report</html>");
        Files.write(staging.resolve("report-2-1000.json"), new byte[0]);
        Files.write(staging.resolve("report-3-1000.json"),
                ReportCodec.encode(TestReports.at("production", T0, TestReports.commit("p"), 1)));
        Files.writeString(staging.resolve("notes.txt"), "left alone");

        ReportStore store = open(10);

        assertThat(store.environment("staging")).isEmpty();
        assertThat(warnings).hasSize(3);
        assertThat(files("staging")).filteredOn(n -> n.contains(".corrupt-")).hasSize(3);
        assertThat(files("staging")).contains("notes.txt");
        assertThat(TestReports.addTo(store, at(0))).isEqualTo(Placement.LATEST);
        assertThat(files("staging")).anySatisfy(name -> assertThat(name).startsWith("report-4-"));
    }

    @Test
    void dropsAWriteThatNeverReachedItsRename() throws IOException {
        TestReports.addTo(open(10), at(0));
        Path leftover = dir.resolve("staging").resolve(AtomicFile.TEMPORARY_PREFIX + "123" + AtomicFile.TEMPORARY_SUFFIX);
        Files.writeString(leftover, "{\"schema\":1,\"envir");

        assertThat(open(10).environment("staging").orElseThrow().latest().report()).isEqualTo(at(0));
        assertThat(leftover).doesNotExist();
        assertThat(warnings).isEmpty();
    }

    @Test
    void listenersHearEveryKeptReportWithTheNewSnapshotUntilTheyUnregister() throws IOException {
        ReportStore store = open(2);
        List<List<Instant>> heard = new ArrayList<>();
        ReportStore.Registration registration = store.addListener(reports -> heard.add(times(reports)));
        store.addListener(reports -> {
            throw new IllegalStateException("a broken listener");
        });

        Logger listenerLogger = Logger.getLogger(ReportStore.class.getName());
        listenerLogger.addHandler(capture);
        listenerLogger.setUseParentHandlers(false);
        try {
            TestReports.addTo(store, at(10));
            TestReports.addTo(store, at(20));
            assertThat(TestReports.addTo(store, at(5))).isEqualTo(Placement.TOO_OLD);
            registration.close();
            TestReports.addTo(store, at(30));
        } finally {
            listenerLogger.removeHandler(capture);
            listenerLogger.setUseParentHandlers(true);
        }

        assertThat(warnings).hasSize(3).allSatisfy(warning -> assertThat(warning.getThrown()).hasMessage("a broken listener"));
        assertThat(heard).containsExactly(
                List.of(T0.plusSeconds(10)),
                List.of(T0.plusSeconds(10), T0.plusSeconds(20)));
        assertThat(store.environment("staging").orElseThrow().history()).hasSize(2);
    }

    @Test
    void refusesAnEnvironmentNameThatCouldEscapeItsDirectory() throws IOException {
        ReportStore store = open(10);
        assertThatThrownBy(() -> TestReports.addTo(store, TestReports.at("../etc", T0, TestReports.commit("x"), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolveSibling("etc")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void concurrentWritersLoseNothingAndKeepTheOrder() throws Exception {
        ReportStore store = open(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        TestReports.addTo(store, at(i * 4 + thread));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        EnvironmentReports reports = store.environment("staging").orElseThrow();
        assertThat(reports.history()).hasSize(100);
        assertThat(times(reports)).isSorted();
        assertThat(reports.latest().report()).isEqualTo(at(99));
        assertThat(times(open(1_000).environment("staging").orElseThrow())).isEqualTo(times(reports));
    }

    @Test
    @Timeout(120)
    void aWriterKilledMidWriteLeavesTheLastCompleteReport() throws Exception {
        int next = 0;
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriter.class.getName(),
                    dir.toString(), "5", Integer.toString(next))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int acknowledged = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                // Kill at a different point each round, always while the loop is writing.
                for (int seen = 0; seen < 3 + round * 2; seen++) {
                    String line = out.readLine();
                    assertThat(line).as("the writer printed its progress").isNotNull();
                    acknowledged = Integer.parseInt(line.strip());
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            ReportStore store = open(5);
            EnvironmentReports reports = store.environment("staging").orElseThrow();
            int latest = (int) Duration.between(T0, reports.latest().report().generatedAt()).toSeconds();
            assertThat(latest).as("every acknowledged report survives").isGreaterThanOrEqualTo(acknowledged);
            assertThat(reports.history()).hasSizeLessThanOrEqualTo(5);
            assertThat(files("staging")).noneMatch(n -> n.endsWith(AtomicFile.TEMPORARY_SUFFIX) || n.contains(".corrupt-"));
            next = latest + 1;
        }
        assertThat(warnings).isEmpty();
    }

    private static String formatted(LogRecord record) {
        return MessageFormat.format(record.getMessage(), record.getParameters());
    }
}
