package io.jenkins.plugins.gitops.agent.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-key debouncing: a key is due once it has been quiet for the quiet period, or once it has waited
 * the maximum delay since its first touch, whichever comes first. Holds one entry per key, so its
 * size is bounded by the number of keys. Times are {@link System#nanoTime()} values. Thread-safe.
 */
final class Debouncer<K> {

    private record Pending(long first, long last) {}

    private final long quiet;
    private final long maxDelay;
    private final Map<K, Pending> pending = new LinkedHashMap<>();

    Debouncer(Duration quiet, Duration maxDelay) {
        this.quiet = quiet.toNanos();
        this.maxDelay = maxDelay.toNanos();
    }

    /** Notes a change of {@code key}; returns when it will be due. */
    synchronized long touch(K key, long now) {
        Pending before = pending.get(key);
        Pending after = new Pending(before == null ? now : before.first(), now);
        pending.put(key, after);
        return due(after);
    }

    /** Removes and returns the keys due at {@code now}, in the order they were first touched. */
    synchronized List<K> takeDue(long now) {
        List<K> due = new ArrayList<>();
        pending.entrySet().removeIf(entry -> {
            boolean ready = due(entry.getValue()) - now <= 0;
            if (ready) {
                due.add(entry.getKey());
            }
            return ready;
        });
        return due;
    }

    /** When the next key will be due, if any is pending. */
    synchronized OptionalLong nextDue() {
        return pending.values().stream().mapToLong(this::due).reduce((a, b) -> a - b <= 0 ? a : b);
    }

    synchronized void clear() {
        pending.clear();
    }

    private long due(Pending entry) {
        long quietEnd = entry.last() + quiet;
        long deadline = entry.first() + maxDelay;
        return quietEnd - deadline <= 0 ? quietEnd : deadline;
    }
}
