package io.jenkins.plugins.gitops.sync;

import java.util.Map;
import java.util.Objects;

/**
 * What a wait for a commit concludes from its environment's reports so far.
 *
 * @param outcome waiting, synced or failed
 * @param message one line saying where the commit is, naming the last report; for a failure, why
 * @param result for {@link Outcome#SYNCED}, what the Pipeline step returns; empty otherwise
 */
public record SyncVerdict(Outcome outcome, String message, Map<String, Object> result) {

    /** Whether the wait is over, and how. */
    public enum Outcome {
        WAITING,
        SYNCED,
        FAILED
    }

    public SyncVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        result = result == null ? Map.of() : result;
    }

    public boolean done() {
        return outcome != Outcome.WAITING;
    }
}
