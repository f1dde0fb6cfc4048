package io.jenkins.plugins.gitops.report;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers the agent's reports to Jenkins, one at a time, from a background thread.
 *
 * <p>States coalesce and events do not: a report submitted while an earlier one waits replaces that
 * report's state (only the newest state matters), but the earlier report's events are kept and sent,
 * in order, with the next report delivered. The earlier report's newly applied commits are carried
 * the same way, newest first, up to {@link ReportLimits#MAX_APPLIED_COMMITS} (beyond that the oldest
 * are left out; the revision still says where the environment is). While the receiver is down nothing
 * is lost: the newest state and every event wait, and retries back off exponentially with jitter up to
 * a cap. A delivery carries at most {@link ReportLimits#MAX_EVENTS} events; more go in the following
 * deliveries.
 *
 * <p>Bounded: one state and at most {@code maxPendingEvents} events wait. Beyond that the oldest
 * events are dropped, since holding memory without end would take the agent down with the receiver; they
 * are counted in {@link Status#droppedEvents()}, logged once, and carried in the next report delivered
 * ({@link Omitted#events()}). Every report is cut to the receiver's limits by {@link ReportBudget} before
 * it is signed.
 *
 * <p>Answers: 202, or 409 (an earlier attempt of this delivery arrived), mean delivered. 400 and 413
 * mean the receiver can never accept these bytes; they are dropped and counted. Anything else, and
 * any network failure, is retried. After a failure that may have reached the receiver (a timeout, a
 * broken connection) the same delivery id and body are retried, so the receiver's replay check keeps
 * events from arriving twice; after a failure that certainly did not, the retry carries the newest
 * state.
 *
 * <p>Each new delivery is numbered ({@link ReportSequence}: a run drawn when the sender starts, and a count),
 * so that the receiver can tell a late delivery from a newer one without trusting the agent's clock.
 */
public final class ReportSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReportSender.class.getName());
    private static final int MAX_REASON = 200;

    /**
     * How long to wait between attempts: {@code initial * 2^(failures-1)}, capped at {@code max},
     * each drawn uniformly from its upper half so that many agents do not retry in step.
     */
    public record Backoff(Duration initial, Duration max) {

        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

        public Backoff {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " and " + max);
            }
        }

        Duration delay(int failures) {
            long cap = max.toNanos();
            long nanos = initial.toNanos();
            for (int i = 1; i < failures && nanos < cap; i++) {
                nanos *= 2;
            }
            nanos = Math.min(nanos, cap);
            return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
        }
    }

    /**
     * What the sender has done so far.
     *
     * @param delivered deliveries the receiver accepted
     * @param rejected deliveries the receiver refused for good (400, 413)
     * @param droppedEvents events dropped because too many were waiting
     * @param pendingEvents events waiting, including those of a delivery in flight
     * @param lastFailure the last failure, one line; {@code null} after a success
     */
    public record Status(long delivered, long rejected, long droppedEvents, int pendingEvents, String lastFailure) {}

    private enum Result {
        DELIVERED,
        REJECTED,
        NOT_RECEIVED,
        MAYBE_RECEIVED
    }

    /** How one attempt went; {@code failure} is one line, {@code null} when delivered. */
    private record Attempt(Result result, String failure) {}

    /** A signed delivery and the events it carries, which are out of the pending queue while it is in flight. */
    private record InFlight(SignedReport signed, List<ReportEvent> events, List<String> commits, long drops) {}

    private final URI endpoint;
    private final byte[] secret;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final int maxPendingEvents;
    private final HttpClient http;
    private final Thread worker;
    private final String run = UUID.randomUUID().toString();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Report state;
    private boolean stateUnsent;
    private final Deque<ReportEvent> pendingEvents = new ArrayDeque<>();
    /** Applied commits not yet delivered, newest first. */
    private final List<String> pendingCommits = new ArrayList<>();
    private InFlight inFlight;
    private long numbered;
    private boolean closed;
    private long delivered;
    private long rejected;
    private long droppedEvents;
    /** Dropped events no delivered report has counted yet. */
    private long unreportedDrops;
    private String lastFailure;

    private ReportSender(URI endpoint, byte[] secret, Backoff backoff, Duration requestTimeout, int maxPendingEvents) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.secret = secret.clone();
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.requestTimeout = requestTimeout;
        this.maxPendingEvents = maxPendingEvents;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.worker = new Thread(this::deliverUntilClosed, "gitops-report-sender");
        worker.setDaemon(true);
    }

    /**
     * Starts a sender posting to {@code endpoint} (for example {@code https://jenkins/gitops/report}).
     *
     * @param secret the environment's shared secret; copied
     * @param requestTimeout for connecting and for each request
     * @param maxPendingEvents events kept while the receiver is unreachable
     * @throws IllegalArgumentException when the secret is empty or a bound is not positive
     */
    public static ReportSender start(URI endpoint, byte[] secret, Backoff backoff, Duration requestTimeout,
            int maxPendingEvents) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the report secret is empty");
        }
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null
                || endpoint.getRawUserInfo() != null) {
            // Credentials in the URL would end up in logs and failures; the signature is the authentication.
            throw new IllegalArgumentException("the report endpoint must be an http(s) URL without user info");
        }
        if (maxPendingEvents < 1 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("maxPendingEvents and requestTimeout must be positive");
        }
        ReportSender sender = new ReportSender(endpoint, secret, backoff, requestTimeout, maxPendingEvents);
        sender.worker.start();
        return sender;
    }

    /** Queues a report; returns at once. Its state replaces any waiting state; its events join the queue. */
    public void submit(Report report) {
        Objects.requireNonNull(report, "report");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the report sender is closed");
            }
            state = report.withEvents(List.of());
            stateUnsent = true;
            List<String> commits = new ArrayList<>(report.source().appliedCommits());
            pendingCommits.stream().filter(commit -> !commits.contains(commit)).forEach(commits::add);
            pendingCommits.clear();
            pendingCommits.addAll(commits.subList(0, Math.min(commits.size(), ReportLimits.MAX_APPLIED_COMMITS)));
            pendingEvents.addAll(report.events());
            dropOldestBeyondBound();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything submitted so far is delivered or rejected; false on timeout. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (stateUnsent || !pendingEvents.isEmpty() || inFlight != null) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Status status() {
        lock.lock();
        try {
            int waiting = pendingEvents.size() + (inFlight == null ? 0 : inFlight.events().size());
            return new Status(delivered, rejected, droppedEvents, waiting, lastFailure);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background thread; what was not delivered by then is dropped with the sender. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverUntilClosed() {
        int failures = 0;
        try {
            while (true) {
                SignedReport attempt = nextAttempt();
                if (attempt == null) {
                    return;
                }
                if (settle(post(attempt))) {
                    failures = 0;
                } else {
                    failures++;
                    pause(backoff.delay(failures));
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a request or a pause in progress.
        }
    }

    /** Waits for work, then signs the delivery to try: the one in flight again, or a new one. Null when closed. */
    private SignedReport nextAttempt() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && inFlight == null && !stateUnsent && pendingEvents.isEmpty()) {
                changed.await();
            }
            if (closed) {
                return null;
            }
            if (inFlight == null) {
                List<ReportEvent> batch = new ArrayList<>();
                while (batch.size() < ReportLimits.MAX_EVENTS && !pendingEvents.isEmpty()) {
                    batch.add(pendingEvents.removeFirst());
                }
                stateUnsent = false;
                List<String> commits = List.copyOf(pendingCommits);
                Report whole = state.withEvents(batch).withAppliedCommits(commits);
                Report carrying = ReportBudget.fit(whole.withResources(whole.resources(), whole.omitted().withEvents(unreportedDrops)))
                        .withSequence(new ReportSequence(run, ++numbered));
                inFlight = new InFlight(
                        SignedReport.sign(carrying, secret, UUID.randomUUID(), Instant.now()), batch, commits, unreportedDrops);
            } else {
                // Same id and bytes, fresh timestamp: a retry must not age out of the receiver's window.
                inFlight = new InFlight(inFlight.signed().resign(secret, Instant.now()), inFlight.events(), inFlight.commits(),
                        inFlight.drops());
            }
            return inFlight.signed();
        } finally {
            lock.unlock();
        }
    }

    /** Records how an attempt went; true when the delivery is settled (delivered or rejected), false to retry. */
    private boolean settle(Attempt attempt) {
        lock.lock();
        try {
            lastFailure = attempt.failure();
            Result result = attempt.result();
            switch (result) {
                case DELIVERED -> {
                    delivered++;
                    unreportedDrops -= inFlight.drops();
                    pendingCommits.removeAll(inFlight.commits());
                    inFlight = null;
                }
                case REJECTED -> {
                    rejected++;
                    pendingCommits.removeAll(inFlight.commits());
                    inFlight = null;
                }
                case NOT_RECEIVED -> {
                    // Nothing arrived: put the events back in front and let the next attempt take the newest
                    // state; the commits never left the pending list.
                    List<ReportEvent> events = inFlight.events();
                    for (int i = events.size() - 1; i >= 0; i--) {
                        pendingEvents.addFirst(events.get(i));
                    }
                    dropOldestBeyondBound();
                    stateUnsent = true;
                    inFlight = null;
                }
                case MAYBE_RECEIVED -> {
                    // Keep the in-flight delivery as it is, so the receiver can recognise it.
                }
            }
            changed.signalAll();
            return result == Result.DELIVERED || result == Result.REJECTED;
        } finally {
            lock.unlock();
        }
    }

    private void dropOldestBeyondBound() {
        long before = unreportedDrops;
        while (pendingEvents.size() > maxPendingEvents) {
            pendingEvents.removeFirst();
            droppedEvents++;
            unreportedDrops++;
        }
        if (before == 0 && unreportedDrops > 0) {
            // Once until a report carrying the count is delivered: a long outage drops on every submit.
            LOG.log(Level.WARNING, "Dropping the oldest report events: more than {0} are waiting for the receiver; the next"
                    + " report delivered counts them (omitted.events, metric gitops_report_events_dropped_total)", maxPendingEvents);
        }
    }

    private Attempt post(SignedReport signed) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        try {
            signed.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            // Only an environment name no HTTP header can carry gets here; it would fail every time.
            String failure = "cannot send a report for environment '" + ReportJson.oneLine(signed.environment(), 64)
                    + "' in an HTTP header";
            LOG.log(Level.WARNING, failure);
            return new Attempt(Result.REJECTED, failure);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String reason = reasonOf(response);
            if (status / 100 == 2 || status == 409) {
                return new Attempt(Result.DELIVERED, null);
            }
            String failure = "HTTP " + status + " from " + endpoint + ": " + reason;
            if (status == 400 || status == 413) {
                LOG.log(Level.WARNING, "Report delivery {0} refused for good: {1}", signed.deliveryId(), failure);
                return new Attempt(Result.REJECTED, failure);
            }
            LOG.log(Level.INFO, "Report delivery {0} will be retried: {1}", signed.deliveryId(), failure);
            return new Attempt(Result.NOT_RECEIVED, failure);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Attempt(Result.NOT_RECEIVED, "cannot connect to " + endpoint + ": " + e.getClass().getSimpleName());
        } catch (IOException e) {
            String failure = "delivery to " + endpoint + " broke off: " + e.getClass().getSimpleName();
            LOG.log(Level.INFO, "Report delivery {0} will be retried as is: {1}", signed.deliveryId(), failure);
            return new Attempt(Result.MAYBE_RECEIVED, failure);
        }
    }

    /** The first line or so of the receiver's answer; it says why a report was refused. */
    private static String reasonOf(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return ReportJson.oneLine(new String(body.readNBytes(MAX_REASON), StandardCharsets.UTF_8).strip(), MAX_REASON);
        } catch (IOException e) {
            return "(answer unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Sleeps out a backoff; only closing cuts it short, since new reports do not make the receiver any closer. */
    private void pause(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
