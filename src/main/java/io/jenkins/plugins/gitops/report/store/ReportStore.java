package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.SignedReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The accepted reports of every environment, kept under one directory: per environment a subdirectory
 * holding one file per report, at most {@code historyLimit} of them. A file holds the exact bytes the
 * agent signed and is named after the envelope they were signed under ({@link StoredReportFile}), so a
 * stored report can be verified again.
 *
 * <p>Reports of one environment are ordered by what Jenkins can vouch for: the order it received them in,
 * except that a report its agent run numbered before one already here (a delivery held up on the way) takes
 * its place before that one in the history instead of becoming the latest. The agent's clock
 * ({@code generatedAt}) plays no part: an agent whose clock runs ahead cannot freeze the latest report.
 * Every write is atomic; at {@link #open} a file that cannot be read as a report of its
 * environment is set aside as {@code NAME.corrupt-TIME} and logged, and the rest loads. Thread-safe:
 * environments are independent, and readers get immutable snapshots.
 */
public final class ReportStore {

    public static final int DEFAULT_HISTORY_LIMIT = 100;

    private static final Logger LOGGER = Logger.getLogger(ReportStore.class.getName());

    /** The names the report verifier admits; nothing else becomes a directory. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    /** Where a new report went. */
    public enum Placement {
        /** it is now the environment's latest report */
        LATEST,
        /** its agent run numbered it before the latest, so it took its place in the history */
        HISTORY,
        /** its agent run numbered it before every report of a full history, so it was not kept */
        TOO_OLD
    }

    private final Path directory;
    private final int historyLimit;
    private final Clock clock;
    private final Map<String, EnvironmentLog> logs = new ConcurrentHashMap<>();
    private final List<Consumer<EnvironmentReports>> listeners = new CopyOnWriteArrayList<>();

    /** A listener's registration; closing it stops the calls. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private ReportStore(Path directory, int historyLimit, Clock clock) {
        this.directory = directory;
        this.historyLimit = historyLimit;
        this.clock = clock;
    }

    /**
     * Opens the store under {@code directory}, creating it if needed, and loads every environment's reports.
     *
     * @param historyLimit reports kept per environment, at least 1
     * @throws IOException when the directory cannot be created or listed
     */
    public static ReportStore open(Path directory, int historyLimit, Clock clock) throws IOException {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, not " + historyLimit);
        }
        ReportStore store = new ReportStore(directory, historyLimit, clock);
        Files.createDirectories(directory);
        List<Path> environments;
        try (Stream<Path> entries = Files.list(directory)) {
            environments = entries.filter(Files::isDirectory)
                    .filter(dir -> ENVIRONMENT.matcher(dir.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        for (Path environment : environments) {
            String name = environment.getFileName().toString();
            store.logs.put(name, EnvironmentLog.load(name, environment, historyLimit, clock));
        }
        return store;
    }

    /**
     * Stores an accepted report of its environment.
     *
     * @param report the report the verifier read from {@code delivery}
     * @param delivery the accepted delivery: its body bytes are what the file keeps
     * @throws IOException when it cannot be written; the store is then unchanged
     * @throws IllegalArgumentException when the environment's name could not be a directory name
     */
    public Placement add(Report report, SignedReport delivery) throws IOException {
        String name = report.environment();
        if (!ENVIRONMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("environment: not a storable name");
        }
        EnvironmentLog log;
        try {
            log = logs.computeIfAbsent(name, n -> EnvironmentLog.create(n, directory.resolve(n), historyLimit, clock));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Placement placement = log.add(report, delivery);
        if (placement != Placement.TOO_OLD) {
            log.snapshot().ifPresent(this::notifyListeners);
        }
        return placement;
    }

    /**
     * Calls {@code listener} with the environment's new snapshot after each report that was kept, on the thread
     * that stored it, outside the store's locks. A listener that throws is logged and the others still run.
     */
    public Registration addListener(Consumer<EnvironmentReports> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notifyListeners(EnvironmentReports reports) {
        for (Consumer<EnvironmentReports> listener : listeners) {
            try {
                listener.accept(reports);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "GitOps report store: a listener failed on a report of " + reports.environment(), e);
            }
        }
    }

    /** The reports of one environment; empty before its first report. */
    public Optional<EnvironmentReports> environment(String name) {
        EnvironmentLog log = logs.get(name);
        return log == null ? Optional.empty() : log.snapshot();
    }

    /** Every environment that has reports, by name. */
    public List<EnvironmentReports> environments() {
        List<EnvironmentReports> all = new ArrayList<>();
        for (EnvironmentLog log : logs.values()) {
            log.snapshot().ifPresent(all::add);
        }
        all.sort(Comparator.comparing(EnvironmentReports::environment));
        return all;
    }

    public int historyLimit() {
        return historyLimit;
    }
}
