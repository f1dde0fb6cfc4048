package io.jenkins.plugins.gitops.agent.loop;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the last reconcile brought the cluster to the branch tip, and if not, why.
 *
 * @param kind {@link Kind#OK} or what failed
 * @param message one line a person can act on, safe to show (no secrets); empty when OK
 * @param consecutiveFailures failed attempts in a row; 0 when OK or refused (a refusal is not retried)
 * @param since when this condition began
 */
public record Condition(Kind kind, String message, int consecutiveFailures, Instant since) {

    public Condition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        message = message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    public enum Kind {
        OK("none"),
        /** The config repository could not be reached, or the branch is missing. Retried with backoff. */
        SOURCE("git"),
        /** The revision was refused whole (render or validation problems, or an empty render while pruning). Waits for a new commit. */
        REFUSED("refused"),
        /** Some objects could not be applied or pruned. Retried with backoff. */
        APPLY("apply"),
        /** The API server could not be reached or failed (inventory read or write, 5xx, 429, timeouts). Retried with backoff. */
        API("api"),
        /** A defect in the agent itself; retried with backoff so a transient cause can clear. */
        INTERNAL("internal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The {@code kind} label of the error metric and log lines. */
        public String label() {
            return label;
        }
    }

    public static Condition ok(Instant since) {
        return new Condition(Kind.OK, "", 0, since);
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }

    /** Whether the loop retries this with backoff rather than at the next interval. */
    public boolean backsOff() {
        return kind != Kind.OK && kind != Kind.REFUSED;
    }
}
