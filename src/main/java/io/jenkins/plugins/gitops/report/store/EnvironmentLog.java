package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.InvalidReportException;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.ReportSequence;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.report.SignedReport;
import io.jenkins.plugins.gitops.report.store.ReportStore.Placement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** One environment's reports: its directory on disk and the summaries in memory, changed under one lock. */
final class EnvironmentLog {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentLog.class.getName());

    private static final DateTimeFormatter SET_ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final String environment;
    private final Path directory;
    private final int limit;
    private final Clock clock;
    /** In the store's order: by receipt, except that a report comes before those its agent run numbered after it. */
    private final List<ReportSummary> history = new ArrayList<>();
    private final Map<Long, Path> files = new HashMap<>();
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

    synchronized Placement add(Report report, SignedReport delivery) throws IOException {
        long sequence = nextSequence;
        StoredReport stored = new StoredReport(sequence, clock.instant(), report);
        ReportSummary summary = ReportSummary.of(stored);
        int at = insertionPoint(summary);
        if (history.size() >= limit && at == 0) {
            nextSequence++;
            return Placement.TOO_OLD;
        }
        StoredReportFile name = new StoredReportFile(sequence, stored.receivedAt(), delivery.timestamp(),
                delivery.signature().substring(ReportSignature.PREFIX.length()).toLowerCase(Locale.ROOT));
        Path file = directory.resolve(name.fileName());
        AtomicFile.write(file, delivery.body());
        nextSequence++;
        files.put(sequence, file);
        return place(stored, summary, at);
    }

    private Placement place(StoredReport stored, ReportSummary summary, int at) {
        history.add(at, summary);
        boolean isLatest = at == history.size() - 1;
        if (isLatest) {
            latest = stored;
        }
        trim();
        publish();
        return isLatest ? Placement.LATEST : Placement.HISTORY;
    }

    /**
     * After every report received before it, unless its own agent run numbered one of them after it (a delivery
     * held up on the way): then just before the first of those.
     */
    private int insertionPoint(ReportSummary arriving) {
        for (int at = 0; at < history.size(); at++) {
            ReportSequence stored = history.get(at).agentSequence();
            if (stored != null && stored.follows(arriving.agentSequence())) {
                return at;
            }
        }
        return history.size();
    }

    /** Drops the oldest reports beyond the limit; a file that cannot be deleted now is dropped at the next load. */
    private void trim() {
        while (history.size() > limit) {
            Path file = files.remove(history.remove(0).sequence());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "GitOps report store: could not delete {0}: {1}",
                        new Object[] {file, e.getClass().getSimpleName()});
            }
        }
    }

    private void publish() {
        snapshot = latest == null ? null : new EnvironmentReports(environment, latest, history);
    }

    /** Places the files in the order they were received, exactly as {@link #add} placed them. */
    private void loadFiles() throws IOException {
        List<Path> entries;
        try (Stream<Path> listing = Files.list(directory)) {
            entries = listing.toList();
        }
        SortedMap<Long, Path> bySequence = new TreeMap<>();
        for (Path file : entries) {
            if (AtomicFile.isTemporary(file)) {
                // A write that never reached its rename: by design it never happened.
                Files.deleteIfExists(file);
                continue;
            }
            StoredReportFile.parse(file.getFileName().toString())
                    .ifPresent(name -> bySequence.put(name.sequence(), file));
        }
        for (Path file : bySequence.values()) {
            StoredReportFile name = StoredReportFile.parse(file.getFileName().toString()).orElseThrow();
            nextSequence = Math.max(nextSequence, name.sequence() + 1);
            Optional<StoredReport> stored = read(file, name);
            if (stored.isPresent()) {
                files.put(name.sequence(), file);
                ReportSummary summary = ReportSummary.of(stored.get());
                place(stored.get(), summary, insertionPoint(summary));
            }
        }
        publish();
    }

    private Optional<StoredReport> read(Path file, StoredReportFile name) {
        String problem;
        try {
            Report report = ReportCodec.decode(Files.readAllBytes(file));
            if (report.environment().equals(environment)) {
                return Optional.of(new StoredReport(name.sequence(), name.receivedAt(), report));
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
