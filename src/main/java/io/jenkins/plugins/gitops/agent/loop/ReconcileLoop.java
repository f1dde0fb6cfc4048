package io.jenkins.plugins.gitops.agent.loop;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyException;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.agent.health.HealthCheck;
import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.UnverifiedCommit;
import io.jenkins.plugins.gitops.git.WorkingTree;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.Problem;
import io.jenkins.plugins.gitops.manifest.RenderResult;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import io.jenkins.plugins.gitops.report.ReportLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The agent's reconcile loop. Each round, while this agent is the leader:
 * <ol>
 *   <li>asks the remote for the branch tip ({@code ls-remote}: cheap, nothing is fetched);
 *   <li>when the tip moved since the last round that succeeded, or the last round failed, fetches it
 *       shallowly, renders and validates the configured directory as a whole;
 *   <li>when the settings require signatures, the tip (or every new commit) must carry a good signature by a
 *       trusted key; a revision with a commit that does not is refused before it is rendered;
 *   <li>a refused revision (problems with file:line, or an empty render that would prune every object
 *       the agent applied, unless {@link LoopSettings#allowEmptyRevision()}) is
 *       reported and nothing of it is applied: the previous revision stays, and the same tip is not
 *       tried again;
 *   <li>otherwise applies it, prunes what it dropped and judges the health of what it applied.
 * </ol>
 * A round waits the interval after success or refusal, and backs off exponentially with jitter after
 * a failure (git unreachable, API server errors, objects that failed). {@link #triggerNow()} starts a
 * round at once. After every round the listeners get an immutable {@link ReconcileSnapshot}.
 */
public final class ReconcileLoop implements AutoCloseable {

    private final ConfigRepository repository;
    private final LoopSettings settings;
    private final RevisionRenderer renderer;
    private final Applier applier;
    private final Leadership leadership;
    private final AgentLog log;
    private final Clock clock;
    private final List<ReconcileListener> listeners = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);

    private volatile ReconcileSnapshot snapshot;
    private volatile boolean syncedOnce;
    private volatile long roundStartedNanos;
    private volatile boolean closed;
    private volatile Thread thread;

    // Touched only inside reconcileOnce, which is synchronized.
    private long sequence;
    private String handledTip = "";
    private String sourceRevision = "";
    private String revision = "";
    private String syncedRevision = "";
    private String warnedRevision = "";
    private List<String> appliedCommits = List.of();
    private List<ManifestObject> desired = List.of();
    private boolean synced;
    private ApplyResult lastApply;
    private Map<ResourceId, Health> health = Map.of();
    private List<Problem> refusal = List.of();
    private Condition condition;

    public ReconcileLoop(ConfigRepository repository, LoopSettings settings, RevisionRenderer renderer, Applier applier,
            Leadership leadership, AgentLog log, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.renderer = renderer;
        this.applier = applier;
        this.leadership = leadership;
        this.log = log;
        this.clock = clock;
        this.snapshot = ReconcileSnapshot.initial(clock.instant());
        this.condition = snapshot.condition();
    }

    public void addListener(ReconcileListener listener) {
        listeners.add(listener);
    }

    /** The snapshot of the last round; sequence 0 before the first. */
    public ReconcileSnapshot snapshot() {
        return snapshot;
    }

    /** Whether a revision was applied completely at least once since this process started. */
    public boolean hasSyncedOnce() {
        return syncedOnce;
    }

    public LoopSettings settings() {
        return settings;
    }

    /** Starts the loop in a daemon thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the loop is already started");
        }
        thread = new Thread(this::run, "gitops-reconcile");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a round now instead of at the end of the current wait (a git webhook, a new leader). */
    public void triggerNow() {
        wake.release();
    }

    /**
     * Whether the loop is stuck: its thread died, or one round has run longer than the wedge limit.
     * A follower waiting for leadership is not stuck.
     */
    public boolean wedged() {
        Thread running = thread;
        if (running != null && !running.isAlive() && !closed) {
            return true;
        }
        long started = roundStartedNanos;
        return started != 0 && System.nanoTime() - started > settings.wedgeLimit().toNanos();
    }

    /** Stops the loop, interrupting a round under way, and waits for its thread to end. */
    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean wasLeader = false;
        while (!closed) {
            Duration wait = settings.interval();
            boolean leader = leadership.isLeader();
            if (leader && !wasLeader) {
                // Another agent may have written since this one last led: check the tip afresh.
                forgetWhatOthersMayHaveChanged();
            }
            wasLeader = leader;
            if (leader) {
                try {
                    ReconcileSnapshot done = reconcileOnce();
                    wait = nextWait(done.condition());
                } catch (InterruptedException e) {
                    if (closed) {
                        return;
                    }
                }
            }
            try {
                wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private synchronized void forgetWhatOthersMayHaveChanged() {
        handledTip = "";
        syncedRevision = "";
    }

    private Duration nextWait(Condition done) {
        if (!done.backsOff()) {
            return settings.interval();
        }
        Duration delay = settings.backoff().delay(done.consecutiveFailures(), ThreadLocalRandom.current()::nextDouble);
        log.warn("backoff", "kind", done.kind().label(), "failures", done.consecutiveFailures(), "retry_in_ms", delay.toMillis());
        return delay;
    }

    /**
     * Runs one round in the caller's thread and tells the listeners.
     *
     * @throws InterruptedException when interrupted while rendering
     */
    public synchronized ReconcileSnapshot reconcileOnce() throws InterruptedException {
        long startNanos = System.nanoTime();
        roundStartedNanos = startNanos;
        appliedCommits = List.of();
        try {
            round();
        } catch (GitException e) {
            fail(Condition.Kind.SOURCE, e.getMessage());
        } catch (ApplyException e) {
            fail(Condition.Kind.API, e.getMessage());
        } catch (KubernetesClientException e) {
            fail(Condition.Kind.API, "API server: " + e.getMessage());
        } catch (UncheckedIOException e) {
            fail(Condition.Kind.INTERNAL, "work directory " + settings.workDirectory() + ": " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            fail(Condition.Kind.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            roundStartedNanos = 0;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        ReconcileSnapshot done = new ReconcileSnapshot(++sequence, clock.instant(), took, sourceRevision, revision, appliedCommits, desired,
                synced, Optional.ofNullable(lastApply), health, refusal, condition);
        snapshot = done;
        for (ReconcileListener listener : listeners) {
            try {
                listener.reconciled(done);
            } catch (RuntimeException e) {
                log.error("listener_failed", "listener", listener.getClass().getName(), "error", e.toString());
            }
        }
        return done;
    }

    private void round() throws InterruptedException {
        String tip = repository.tip(settings.branch()).orElseThrow(() -> new GitException(GitException.Kind.NOT_FOUND,
                "branch '" + settings.branch() + "' does not exist in " + repository.url()));
        sourceRevision = tip;
        if (tip.equals(handledTip)) {
            return;
        }
        if (syncedRevision.isEmpty()) {
            // After a start or a failover: the commits since the revision the inventory says was applied are new.
            syncedRevision = applier.inventory().revision();
        }
        clearWorkDirectory();
        Path checkout = createCheckoutDirectory();
        String head;
        List<String> newCommits;
        RenderResult rendered;
        try (WorkingTree tree = repository.checkout(settings.branch(), checkout)) {
            head = tree.head();
            sourceRevision = head;
            newCommits = tree.commitsSince(syncedRevision, ReportLimits.MAX_APPLIED_COMMITS);
            Optional<UnverifiedCommit> unverified = unverified(tree, head, newCommits);
            if (unverified.isPresent()) {
                refuse(head, List.of(new Problem(new SourceLocation("commit " + CommitId.abbreviate(unverified.get().commit()), 0),
                        unverified.get().reason() + " (author " + unverified.get().author() + ")")));
                return;
            }
            Path directory = settings.path().resolveIn(tree.directory());
            // Said here, with the path as configured: the renderer would name the local checkout.
            rendered = Files.isDirectory(directory)
                    ? renderer.render(directory)
                    : new RenderResult.Refused(List.of(new Problem(SourceLocation.REVISION, Files.exists(directory)
                            ? settings.path() + " is a file in the repository, not a directory"
                            : "no directory " + settings.path() + " in the repository")));
        } finally {
            clearWorkDirectory();
        }
        if (rendered instanceof RenderResult.Refused refused) {
            refuse(head, refused.problems());
            return;
        }
        RenderResult.Rendered accepted = (RenderResult.Rendered) rendered;
        List<ManifestObject> objects = accepted.objects();
        warnOnce(head, accepted.warnings());
        int applied = objects.isEmpty() && applier.settings().prune() && !settings.allowEmptyRevision()
                ? applier.inventory().entries().size()
                : 0;
        if (applied > 0) {
            refuse(head, List.of(new Problem(SourceLocation.REVISION, settings.path() + " renders no objects; applying it"
                    + " would prune the " + applied + (applied == 1 ? " object" : " objects") + " in the agent's inventory; --allow-empty-revision=true"
                    + " (GITOPS_ALLOW_EMPTY_REVISION) allows that")));
            return;
        }
        if (!leadership.isLeader()) {
            // Another replica leads now and applies the tip itself; this one tries again when it leads.
            log.info("not_applied", "revision", head, "reason", "leadership lost");
            return;
        }
        ApplyResult result = applier.apply(head, objects);
        revision = head;
        desired = objects;
        lastApply = result;
        health = healthOf(result);
        refusal = List.of();
        synced = result.succeeded();
        logApplied(result);
        if (synced) {
            handledTip = head;
            syncedRevision = head;
            appliedCommits = newCommits;
            syncedOnce = true;
            succeed();
        } else {
            List<String> errors = result.errors();
            fail(Condition.Kind.APPLY, errors.size() + (errors.size() == 1 ? " object" : " objects") + " failed: " + errors.get(0));
        }
    }

    /** The first commit of the revision whose signature the settings require and that does not carry a good one. */
    private Optional<UnverifiedCommit> unverified(WorkingTree tree, String head, List<String> newCommits) {
        SignatureCheck check = settings.signatures();
        return switch (check.mode()) {
            case OFF -> Optional.empty();
            case HEAD -> check.verifier().firstUnverified(tree.directory(), List.of(head));
            case ALL -> check.verifier().firstUnverified(tree.directory(), newCommits);
        };
    }

    /** A revision's render warnings are logged when it is first rendered, not again on every retry. */
    private void warnOnce(String head, List<Problem> warnings) {
        if (!head.equals(warnedRevision)) {
            warnedRevision = head;
            warnings.forEach(warning -> log.warn("render_warning", "revision", head, "warning", warning));
        }
    }

    private static Map<ResourceId, Health> healthOf(ApplyResult result) {
        Map<ResourceId, Health> byId = new LinkedHashMap<>();
        result.live().forEach((id, live) -> byId.put(id, HealthCheck.of(live)));
        return byId;
    }

    private void logApplied(ApplyResult result) {
        log.info("applied", "revision", result.revision(),
                "created", result.count(ApplyResult.Action.CREATED),
                "configured", result.count(ApplyResult.Action.CONFIGURED),
                "replaced", result.count(ApplyResult.Action.REPLACED),
                "unchanged", result.count(ApplyResult.Action.UNCHANGED),
                "pruned", result.count(ApplyResult.Action.PRUNED),
                "failed", result.count(ApplyResult.Action.FAILED),
                "not_applied", result.count(ApplyResult.Action.NOT_APPLIED));
        result.outcomes().stream().filter(outcome -> outcome.action() == ApplyResult.Action.REPLACED)
                .forEach(outcome -> log.info("object_replaced", "revision", result.revision(), "object", outcome.id(), "reason", outcome.message()));
        result.outcomes().stream().filter(outcome -> outcome.action() == ApplyResult.Action.KEPT)
                .forEach(outcome -> log.warn("not_pruned", "revision", result.revision(), "object", outcome.id(), "reason", outcome.message()));
        result.errors().forEach(error -> log.warn("object_failed", "revision", result.revision(), "error", error));
    }

    private void refuse(String head, List<Problem> problems) {
        handledTip = head;
        refusal = List.copyOf(problems);
        problems.forEach(problem -> log.warn("refused", "revision", head, "problem", problem));
        condition = new Condition(Condition.Kind.REFUSED,
                "revision " + head + " refused (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                        + "), " + (revision.isEmpty() ? "nothing applied" : "still at " + revision) + ": " + problems.get(0),
                0, since(Condition.Kind.REFUSED));
    }

    private void succeed() {
        refusal = List.of();
        condition = Condition.ok(since(Condition.Kind.OK));
    }

    private void fail(Condition.Kind kind, String message) {
        handledTip = "";
        int failures = condition.backsOff() ? condition.consecutiveFailures() + 1 : 1;
        condition = new Condition(kind, message, failures, since(kind));
        log.warn("reconcile_failed", "kind", kind.label(), "failures", failures, "error", condition.message());
    }

    private Instant since(Condition.Kind kind) {
        return condition.kind() == kind ? condition.since() : clock.instant();
    }

    /**
     * Deletes earlier checkouts. JGit may still be writing into a closed checkout (its automatic
     * garbage collection runs in the background after a fetch), so a tree that cannot be deleted yet
     * is left for the next round, and each round checks out into a directory of its own.
     */
    private void clearWorkDirectory() {
        try {
            Files.createDirectories(settings.workDirectory());
            try (Stream<Path> entries = Files.list(settings.workDirectory())) {
                for (Path entry : entries.toList()) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path createCheckoutDirectory() {
        try {
            return Files.createTempDirectory(settings.workDirectory(), "checkout-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cleanup_deferred", "directory", directory.getFileName(), "reason", e.getClass().getSimpleName());
        }
    }
}
