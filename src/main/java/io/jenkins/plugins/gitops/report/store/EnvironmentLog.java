package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.InvalidReportException;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.store.ReportStore.Placement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One environment's reports: its directory on disk and the summaries in memory, changed under one lock. */
final class EnvironmentLog {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentLog.class.getName());

    /** {@code report-SEQUENCE-RECEIVEDMILLIS.json}: the file name carries what the signed bytes cannot. */
    private static final Pattern FILE = Pattern.compile("report-([0-9]{1,18})-([0-9]{1,15})\\.json");
    private static final DateTimeFormatter SET_ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** Oldest first by the agent's clock, ties by receipt. */
    private static final Comparator<ReportSummary> ORDER =
            Comparator.comparing(ReportSummary::generatedAt).thenComparingLong(ReportSummary::sequence);

    private final String environment;
    private final Path directory;
    private final int limit;
    private final Clock clock;
    private final List<ReportSummary> history = new ArrayList<>();
    private StoredReport latest;
    private long nextSequence = 1;
    private volatile EnvironmentReports snapshot;

    private EnvironmentLog(String environment, Path directory, int limit, Clock clock) {
        this.environment = environment;
        this.directory = directory;
        this.limit = limit;
        this.clock = clock;
    }

    static EnvironmentLog create(String environment, Path directory, int limit, Clock clock) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EnvironmentLog(environment, directory, limit, clock);
    }

    static EnvironmentLog load(String environment, Path directory, int limit, Clock clock) throws IOException {
        EnvironmentLog log = new EnvironmentLog(environment, directory, limit, clock);
        log.loadFiles();
        return log;
    }

    Optional<EnvironmentReports> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    synchronized Placement add(Report report) throws IOException {
        long sequence = nextSequence;
        StoredReport stored = new StoredReport(sequence, clock.instant(), report);
        ReportSummary summary = ReportSummary.of(stored);
        if (history.size() >= limit && ORDER.compare(summary, history.get(0)) < 0) {
            nextSequence++;
            return Placement.TOO_OLD;
        }
        AtomicFile.write(fileOf(summary), ReportCodec.encode(report));
        nextSequence++;
        int at = insertionPoint(summary);
        history.add(at, summary);
        boolean isLatest = at == history.size() - 1;
        if (isLatest) {
            latest = stored;
        }
        trim();
        publish();
        return isLatest ? Placement.LATEST : Placement.HISTORY;
    }

    private int insertionPoint(ReportSummary summary) {
        int at = history.size();
        while (at > 0 && ORDER.compare(history.get(at - 1), summary) > 0) {
            at--;
        }
        return at;
    }

    /** Drops the oldest reports beyond the limit; a file that cannot be deleted now is dropped at the next load. */
    private void trim() {
        while (history.size() > limit) {
            ReportSummary oldest = history.remove(0);
            try {
                Files.deleteIfExists(fileOf(oldest));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "GitOps report store: could not delete {0}: {1}",
                        new Object[] {fileOf(oldest), e.getClass().getSimpleName()});
            }
        }
    }

    private void publish() {
        snapshot = latest == null ? null : new EnvironmentReports(environment, latest, history);
    }

    private Path fileOf(ReportSummary summary) {
        return directory.resolve("report-" + summary.sequence() + "-" + summary.receivedAt().toEpochMilli() + ".json");
    }

    private void loadFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.sorted().toList();
        }
        List<StoredReport> loaded = new ArrayList<>();
        for (Path file : files) {
            if (AtomicFile.isTemporary(file)) {
                // A write that never reached its rename: by design it never happened.
                Files.deleteIfExists(file);
                continue;
            }
            Matcher name = FILE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            long sequence = Long.parseLong(name.group(1));
            nextSequence = Math.max(nextSequence, sequence + 1);
            read(file, sequence, Instant.ofEpochMilli(Long.parseLong(name.group(2)))).ifPresent(loaded::add);
        }
        loaded.sort(Comparator.comparing((StoredReport s) -> s.report().generatedAt())
                .thenComparingLong(StoredReport::sequence));
        for (StoredReport stored : loaded) {
            history.add(ReportSummary.of(stored));
        }
        if (!loaded.isEmpty()) {
            latest = loaded.get(loaded.size() - 1);
        }
        trim();
        publish();
    }

    private Optional<StoredReport> read(Path file, long sequence, Instant receivedAt) {
        String problem;
        try {
            Report report = ReportCodec.decode(Files.readAllBytes(file));
            if (report.environment().equals(environment)) {
                return Optional.of(new StoredReport(sequence, receivedAt, report));
            }
            problem = "environment: '" + report.environment() + "' in a file of environment '" + environment + "'";
        } catch (InvalidReportException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "unreadable: " + e.getClass().getSimpleName();
        }
        setAside(file, problem);
        return Optional.empty();
    }

    private void setAside(Path file, String problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + SET_ASIDE_TIME.format(clock.instant()));
        try {
            Files.move(file, aside);
            LOGGER.log(Level.WARNING, "GitOps report store: set aside {0} as {1}: {2}",
                    new Object[] {file, aside.getFileName(), problem});
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "GitOps report store: ignoring {0} ({1}); could not set it aside: {2}",
                    new Object[] {file, problem, e.getClass().getSimpleName()});
        }
    }
}
