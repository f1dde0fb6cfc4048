package io.jenkins.plugins.gitops.report.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
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

    private static Report at(int second) {
        return TestReports.at("staging", T0.plusSeconds(second), TestReports.commit("r" + second), 1);
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
            assertThat(store.add(at(i))).isEqualTo(Placement.LATEST);
        }

        EnvironmentReports reloaded = open(100).environment("staging").orElseThrow();

        assertThat(reloaded.latest().report()).isEqualTo(at(2));
        assertThat(reloaded.latest().receivedAt()).isEqualTo(CLOCK.instant());
        assertThat(times(reloaded)).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(open(100).environment("production")).isEmpty();
    }

    @Test
    void storesTheSignedJsonItself() throws IOException {
        open(100).add(at(0));

        assertThat(files("staging")).singleElement().satisfies(name -> assertThat(name).matches("report-1-[0-9]+\\.json"));
        assertThat(Files.readAllBytes(dir.resolve("staging").resolve(files("staging").get(0)))).isEqualTo(ReportCodec.encode(at(0)));
    }

    @Test
    void boundsTheHistoryAndDeletesTheOldestFiles() throws IOException {
        ReportStore store = open(3);
        for (int i = 0; i < 5; i++) {
            store.add(at(i));
        }

        assertThat(times(store.environment("staging").orElseThrow()))
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(files("staging")).hasSize(3);
        assertThat(times(open(3).environment("staging").orElseThrow())).hasSize(3).last().isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void aLateReportTakesItsPlaceInTheHistoryWithoutReplacingTheLatest() throws IOException {
        ReportStore store = open(3);
        store.add(at(10));
        store.add(at(30));

        assertThat(store.add(at(20))).isEqualTo(Placement.HISTORY);
        EnvironmentReports reports = store.environment("staging").orElseThrow();
        assertThat(reports.latest().report()).isEqualTo(at(30));
        assertThat(times(reports)).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));

        assertThat(store.add(at(5))).as("older than a full history").isEqualTo(Placement.TOO_OLD);
        assertThat(files("staging")).hasSize(3);
        assertThat(times(open(3).environment("staging").orElseThrow()))
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
    }

    @Test
    void reportsWithTheSameTimeKeepTheirOrderOfReceipt() throws IOException {
        ReportStore store = open(10);
        Report first = TestReports.at("staging", T0, TestReports.commit("a"), 1);
        Report second = TestReports.at("staging", T0, TestReports.commit("b"), 1);
        store.add(first);
        store.add(second);

        assertThat(store.environment("staging").orElseThrow().latest().report()).isEqualTo(second);
        assertThat(open(10).environment("staging").orElseThrow().latest().report()).isEqualTo(second);
    }

    @Test
    void keepsEnvironmentsApart() throws IOException {
        ReportStore store = open(10);
        store.add(TestReports.at("staging", T0, TestReports.commit("s"), 1));
        store.add(TestReports.at("production", T0, TestReports.commit("p"), 2));

        assertThat(open(10).environments()).extracting(EnvironmentReports::environment).containsExactly("production", "staging");
        assertThat(store.environment("production").orElseThrow().latest().report().source().revision())
                .isEqualTo(TestReports.commit("p"));
    }

    @Test
    void setsATruncatedFileAsideAndLoadsTheRest() throws IOException {
        ReportStore store = open(10);
        store.add(at(0));
        store.add(at(1));
        Path newest = dir.resolve("staging").resolve(files("staging").get(1));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));

        EnvironmentReports reloaded = open(10).environment("staging").orElseThrow();

        assertThat(reloaded.latest().report()).isEqualTo(at(0));
        assertThat(files("staging")).hasSize(2).anySatisfy(name -> assertThat(name)
                .matches("report-2-[0-9]+\\.json\\.corrupt-20261122T100005000Z"));
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
        assertThat(store.add(at(0))).isEqualTo(Placement.LATEST);
        assertThat(files("staging")).anySatisfy(name -> assertThat(name).startsWith("report-4-"));
    }

    @Test
    void dropsAWriteThatNeverReachedItsRename() throws IOException {
        open(10).add(at(0));
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
            store.add(at(10));
            store.add(at(20));
            assertThat(store.add(at(5))).isEqualTo(Placement.TOO_OLD);
            registration.close();
            store.add(at(30));
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
        assertThatThrownBy(() -> store.add(TestReports.at("../etc", T0, TestReports.commit("x"), 1)))
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
                        store.add(at(i * 4 + thread));
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
