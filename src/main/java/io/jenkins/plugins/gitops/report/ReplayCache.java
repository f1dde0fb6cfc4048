package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Delivery ids and signatures already accepted, each kept until its timestamp leaves the acceptance
 * window (after which the timestamp check refuses a replay anyway). The signature does not cover the
 * delivery id, so a captured request replayed under a fresh id is caught by its signature instead.
 *
 * <p>Bounded: when full of unexpired entries it admits nothing more (the sender retries), rather
 * than forget an entry and let its replay through. Thread-safe.
 */
public final class ReplayCache {

    /** Deliveries remembered at most: ten minutes of window at over 80 reports a second. */
    public static final int DEFAULT_CAPACITY = 50_000;

    /** What {@link #admit} decided. */
    public enum Admission {
        ADMITTED,
        DELIVERY_SEEN,
        SIGNATURE_SEEN,
        FULL
    }

    private record Entry(Instant expiry, String deliveryId, String signature) {}

    private final int capacity;
    private final Set<String> deliveryIds = new HashSet<>();
    private final Set<String> signatures = new HashSet<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.expiry().compareTo(b.expiry()));

    public ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Admits a delivery once: later calls with its id or its signature are refused until it expires. */
    public synchronized Admission admit(String deliveryId, String signature, Instant expiry, Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiry().isBefore(now)) {
            Entry old = byExpiry.poll();
            deliveryIds.remove(old.deliveryId());
            signatures.remove(old.signature());
        }
        if (deliveryIds.contains(deliveryId)) {
            return Admission.DELIVERY_SEEN;
        }
        if (signatures.contains(signature)) {
            return Admission.SIGNATURE_SEEN;
        }
        if (byExpiry.size() >= capacity) {
            return Admission.FULL;
        }
        byExpiry.add(new Entry(expiry, deliveryId, signature));
        deliveryIds.add(deliveryId);
        signatures.add(signature);
        return Admission.ADMITTED;
    }

    /** Forgets an admitted delivery, so that its retry is admitted again. */
    public synchronized void forget(String deliveryId, String signature) {
        if (byExpiry.removeIf(entry -> entry.deliveryId().equals(deliveryId) && entry.signature().equals(signature))) {
            deliveryIds.remove(deliveryId);
            signatures.remove(signature);
        }
    }
}
