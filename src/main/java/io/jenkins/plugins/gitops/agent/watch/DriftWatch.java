package io.jenkins.plugins.gitops.agent.watch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyException;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.FieldDrift;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ReportSender;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches the objects of the applied revision between reconciles: a live change to one of them is
 * evaluated against Git within the quiet period (at most {@link WatchSettings#maxDelay()} after it
 * began), corrected in {@link WatchMode#CORRECT} mode, and reported. Every
 * {@link WatchSettings#resyncInterval()} all objects are read afresh and reported, as a safety net
 * for missed watch events and as a sign of life.
 *
 * <p>The reconcile loop hands over each reconcile's result with {@link #update(AppliedState)} (through
 * {@link ReconcileHandover}); the watch reports it at once, with the events and commits it carries.
 * Nothing is watched before the first update.
 *
 * <p>Drift is decided by {@link LiveComparison}, as the {@code diff} command decides it: the drift
 * detector against the server's rendition of the desired object ({@link Applier#rendition}): an object
 * that still holds what the agent applied costs no request, any other a server-side dry-run apply.
 *
 * <p>All evaluation, correction and reporting runs on one thread, so reports go out in the order
 * their states arose. Correction re-applies the whole revision through the reconcile's
 * {@link Applier}: objects that match are left untouched, pruning finds nothing new, and holding the
 * applier's lock (its methods are synchronized) while checking that the cluster is still at, or being
 * brought to, the watched revision means a correction never rolls back a newer revision the loop has
 * applied, completely or in part.
 *
 * <p>A reconcile's {@code appliedCommits} go in the first report after its update; the sender carries
 * them on if that report is coalesced with a later one.
 */
public final class DriftWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DriftWatch.class.getName());

    /** How long a new informer may take for its first LIST before its kind is read object by object. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    /** Fields named in a {@code corrected} event; the rest are counted. */
    private static final int NAMED_FIELDS = 10;

    private final Applier applier;
    private final ReportSender sender;
    private final ReportContext context;
    private final WatchSettings settings;
    private final BooleanSupplier leader;
    private final LiveObjects live;
    private final Debouncer<ResourceId> debouncer;
    private final ScheduledExecutorService thread;

    /** Ids of the watched objects; read on informer threads. */
    private volatile Set<ResourceId> watched = Set.of();
    private final Object flushLock = new Object();
    private boolean flushScheduled;
    private long flushDue;

    // Confined to the watch thread.
    private AppliedState state;
    private final Map<ResourceId, ManifestObject> desired = new LinkedHashMap<>();
    private final Map<ResourceId, Observation> observed = new HashMap<>();
    private final Map<ResourceId, String> apiVersions = new HashMap<>();
    private final Map<ResourceId, Long> lastCorrection = new HashMap<>();
    private final List<ReportEvent> events = new ArrayList<>();
    private Set<ResourceId> scaleTargets = Set.of();
    private List<String> newCommits = List.of();
    private Report lastReport;

    private DriftWatch(KubernetesClient client, Applier applier, ReportSender sender, ReportContext context,
            WatchSettings settings, BooleanSupplier leader) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.context = Objects.requireNonNull(context, "context");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.leader = Objects.requireNonNull(leader, "leader");
        this.debouncer = new Debouncer<>(settings.quietPeriod(), settings.maxDelay());
        this.live = new LiveObjects(client, applier.settings().label(), new LiveObjects.Listener() {
            @Override
            public void changed(ResourceId id) {
                if (watched.contains(id)) {
                    scheduleFlush(debouncer.touch(id, System.nanoTime()));
                }
            }

            @Override
            public void autoscalersChanged() {
                long now = System.nanoTime();
                long due = now;
                for (ResourceId id : watched) {
                    due = debouncer.touch(id, now);
                }
                scheduleFlush(due);
            }
        }, SYNC_TIMEOUT);
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread worker = new Thread(task, "gitops-drift-watch");
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * Starts a watch. It sends through {@code sender} (which stays the caller's to close) and
     * corrects through {@code applier}, the one the reconcile loop applies with.
     *
     * @param leader whether this replica may write now; while it says no, the watch neither corrects
     *     nor reports (the leader does), and what it would have reported waits
     */
    public static DriftWatch start(KubernetesClient client, Applier applier, ReportSender sender, ReportContext context,
            WatchSettings settings, BooleanSupplier leader) {
        DriftWatch watch = new DriftWatch(client, applier, sender, context, settings, leader);
        long interval = settings.resyncInterval().toNanos();
        watch.thread.scheduleWithFixedDelay(watch.guarded("resync", watch::resyncNow), interval, interval,
                TimeUnit.NANOSECONDS);
        return watch;
    }

    /**
     * Hands over the result of a reconcile. Returns at once; the watch then follows the new desired
     * objects, evaluates them all against fresh reads, and sends a report carrying the state's events.
     *
     * @throws IllegalStateException when the watch is closed
     */
    public void update(AppliedState newState) {
        Objects.requireNonNull(newState, "newState");
        try {
            thread.execute(guarded("update", () -> adopt(newState)));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the drift watch is closed", e);
        }
    }

    /**
     * Reads every watched object afresh, evaluates it, corrects it when the mode says so, and sends a
     * report; waits for that to finish.
     *
     * @return the drift of each desired object, in the revision's order; empty before the first update
     * @throws IllegalStateException when the watch is closed
     */
    public List<ObjectDrift> resync() throws InterruptedException {
        try {
            return thread.submit(this::resyncNow).get();
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the drift watch is closed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drift resync failed: " + LiveObjects.oneLine(e.getCause()), e.getCause());
        }
    }

    /** Stops watching; a report not yet handed to the sender is dropped. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.close();
    }

    private void adopt(AppliedState newState) {
        state = newState;
        desired.clear();
        newState.desired().forEach(object -> desired.put(object.id(), object));
        newState.desired().forEach(object -> apiVersions.put(object.id(), object.apiVersion()));
        observed.keySet().retainAll(desired.keySet());
        lastCorrection.keySet().retainAll(desired.keySet());
        watched = Set.copyOf(desired.keySet());
        events.addAll(newState.events());
        Set<String> commits = new LinkedHashSet<>(newState.appliedCommits());
        commits.addAll(newCommits);
        newCommits = List.copyOf(commits);
        live.watch(newState.desired());
        evaluateAll();
    }

    private List<ObjectDrift> resyncNow() {
        if (state == null) {
            return List.of();
        }
        return evaluateAll();
    }

    /** Evaluates every desired object from fresh reads and reports, changed or not. */
    private List<ObjectDrift> evaluateAll() {
        // Cleared first: a change arriving during the reads is evaluated again afterwards.
        debouncer.clear();
        LiveObjects.Snapshot fresh = live.readAll();
        evaluate(desired.keySet(), id -> {
            LiveObjects.Scope scope = live.scopeOf(id);
            if (scope == null || fresh.unreadable().contains(scope)) {
                throw new IllegalStateException("its kind could not be listed");
            }
            return fresh.objects().get(id);
        });
        report(true);
        return desired.keySet().stream().map(observed::get).filter(Objects::nonNull)
                .map(Observation::drift).toList();
    }

    private void flush() {
        synchronized (flushLock) {
            flushScheduled = false;
        }
        List<ResourceId> due = debouncer.takeDue(System.nanoTime());
        if (!due.isEmpty() && state != null) {
            evaluate(due, live::cached);
            report(false);
        }
        debouncer.nextDue().ifPresent(this::scheduleFlush);
    }

    /** Schedules a flush for {@code due} unless one is already scheduled no later. */
    private void scheduleFlush(long due) {
        synchronized (flushLock) {
            if (flushScheduled && flushDue - due <= 0) {
                return;
            }
            flushScheduled = true;
            flushDue = due;
        }
        try {
            thread.schedule(guarded("evaluation", this::flush), Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The watch is closing; nothing more to evaluate.
        }
    }

    /** Compares the objects with Git, records what was found, and corrects drift when the mode says so. */
    private void evaluate(Collection<ResourceId> ids, Function<ResourceId, Map<String, Object>> reader) {
        LiveComparison comparison = new LiveComparison(applier, settings.ignoreRules(), readScaleTargets());
        List<ObjectDrift> drifted = new ArrayList<>();
        for (ResourceId id : ids) {
            ManifestObject object = desired.get(id);
            if (object == null) {
                continue;
            }
            Map<String, Object> current;
            try {
                current = reader.apply(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot read {0}, keeping its last evaluation: {1}", id, LiveObjects.oneLine(e));
                continue;
            }
            Observation observation = comparison.compare(object, current);
            ObjectDrift drift = observation.drift();
            Observation before = observed.put(id, observation);
            if (drift.status() != DriftStatus.IN_SYNC) {
                drifted.add(drift);
            }
            if (before == null ? drift.status() != DriftStatus.IN_SYNC : !before.drift().equals(drift)) {
                LOG.log(Level.INFO, "{0}: {1}", id, drift.message());
            }
        }
        if (settings.mode() == WatchMode.CORRECT && !drifted.isEmpty()) {
            correct(drifted, comparison);
        }
    }

    /** The workloads autoscalers drive; the last known ones when the autoscalers cannot be read. */
    private Set<ResourceId> readScaleTargets() {
        try {
            scaleTargets = LiveComparison.scaleTargets(live.cachedAutoscalers());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read HorizontalPodAutoscalers, using the last known: {0}", LiveObjects.oneLine(e));
        }
        return scaleTargets;
    }

    /**
     * Re-applies the revision when a drifted object may be corrected: its own apply did not fail, and
     * it was not corrected within the correction interval (another writer keeps changing it back).
     */
    private void correct(List<ObjectDrift> drifted, LiveComparison comparison) {
        long now = System.nanoTime();
        Set<ResourceId> failedInApply = state.outcomes().stream()
                .filter(outcome -> outcome.action() == Action.FAILED || outcome.action() == Action.NOT_APPLIED)
                .map(Outcome::id)
                .collect(Collectors.toSet());
        long interval = settings.correctionInterval().toNanos();
        List<ObjectDrift> eligible = new ArrayList<>();
        for (ObjectDrift drift : drifted) {
            if (failedInApply.contains(drift.id())) {
                continue;
            }
            Long last = lastCorrection.get(drift.id());
            if (last == null || now - last >= interval) {
                eligible.add(drift);
            } else {
                retryAfter(drift.id(), last + interval - now);
            }
        }
        if (eligible.isEmpty() || state.failure() != null || !leader.getAsBoolean()) {
            return;
        }
        ApplyResult result;
        try {
            synchronized (applier) {
                String current = currentRevision();
                if (!current.equals(state.revision())) {
                    LOG.log(Level.INFO, "Not correcting: the cluster is at or being brought to revision {0}, the watch at {1}",
                            current, state.revision());
                    return;
                }
                result = applier.apply(state.revision(), state.desired());
            }
        } catch (ApplyException e) {
            events.add(new ReportEvent(EventType.FAILED, Instant.now(), "correcting drift failed: " + e.getMessage()));
            return;
        }
        Instant at = Instant.now();
        Map<ResourceId, Outcome> outcomes = new HashMap<>();
        result.outcomes().forEach(outcome -> outcomes.put(outcome.id(), outcome));
        for (ObjectDrift drift : eligible) {
            ResourceId id = drift.id();
            lastCorrection.put(id, now);
            Outcome outcome = outcomes.get(id);
            if (outcome == null) {
                continue;
            }
            switch (outcome.action()) {
                case CREATED, CONFIGURED -> {
                    String message = correctedMessage(drift);
                    events.add(new ReportEvent(EventType.CORRECTED, at, message));
                    LOG.log(Level.INFO, message);
                }
                case FAILED -> events.add(new ReportEvent(EventType.FAILED, at, "correcting " + outcome));
                default -> LOG.log(Level.INFO, "{0}: re-applying found nothing to write", id);
            }
        }
        result.outcomes().stream().filter(outcome -> outcome.action() == Action.PRUNED)
                .forEach(outcome -> events.add(new ReportEvent(EventType.PRUNED, at, "pruned " + outcome.id())));
        result.live().forEach((id, object) -> {
            ManifestObject wanted = desired.get(id);
            if (wanted != null) {
                observed.put(id, comparison.compare(wanted, object));
            }
        });
    }

    /**
     * The revision the cluster is at or being brought to: the one the applier last began, else the
     * inventory's (pending while an apply is under way or failed). Differing from the watch's, a
     * correction would roll a newer revision back and prune what it created.
     */
    private String currentRevision() {
        String target = applier.inventory().targetRevision();
        String last = applier.lastRevision();
        return target.equals(state.revision()) && !last.isEmpty() ? last : target;
    }

    /** Evaluates an object again once its correction interval has passed, so its drift is corrected then. */
    private void retryAfter(ResourceId id, long nanos) {
        try {
            thread.schedule(guarded("retry", () -> scheduleFlush(debouncer.touch(id, System.nanoTime()))), nanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The watch is closing; nothing more to correct.
        }
    }

    /** {@code corrected apps/Deployment/shop/web: /spec/replicas (set by kubectl-edit)}; paths only, never values. */
    static String correctedMessage(ObjectDrift drift) {
        if (drift.status() == DriftStatus.MISSING) {
            return "corrected " + drift.id() + ": created it again, it was missing from the cluster";
        }
        List<FieldDrift> fields = drift.fields();
        String named = fields.stream().limit(NAMED_FIELDS)
                .map(field -> field.path() + (field.manager() == null ? "" : " (set by " + field.manager() + ")"))
                .collect(Collectors.joining(", "));
        String more = fields.size() > NAMED_FIELDS ? " and " + (fields.size() - NAMED_FIELDS) + " more" : "";
        return "corrected " + drift.id() + ": " + named + more;
    }

    /**
     * Sends the current state, with the events gathered since the last report. Without
     * {@code always}, a state equal to the last one sent and no events sends nothing: watch events
     * for status changes and for the agent's own corrections need no report.
     */
    private void report(boolean always) {
        if (state == null || !leader.getAsBoolean()) {
            return;
        }
        Report report = ReportAssembler.assemble(context, state, observed, newCommits, List.copyOf(events),
                apiVersions, Instant.now());
        if (!always && events.isEmpty() && newCommits.isEmpty() && lastReport != null && sameState(lastReport, report)) {
            return;
        }
        sender.submit(report);
        events.clear();
        lastReport = report;
        newCommits = List.of();
    }

    private static boolean sameState(Report a, Report b) {
        return a.phase() == b.phase() && a.health() == b.health() && a.source().equals(b.source())
                && a.resources().equals(b.resources());
    }

    /** A task for the watch thread: a failure is logged in one line and the watch carries on. */
    private Runnable guarded(String what, Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Drift {0} failed: {1}", what, LiveObjects.oneLine(e));
            }
        };
    }
}
