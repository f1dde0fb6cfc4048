package io.jenkins.plugins.gitops.report;

import java.util.Objects;

/**
 * The receiver's answer to one delivery.
 *
 * @param outcome what to answer, with its HTTP status
 * @param reason one line for the response body and the log: what was wrong and where; never a secret
 * @param report the verified report when accepted, otherwise {@code null}
 * @param delivery the accepted delivery as it arrived (envelope and exact body), otherwise {@code null}
 */
public record Verdict(Outcome outcome, String reason, Report report, SignedReport delivery) {

    /** Each outcome with the HTTP status the report endpoint answers. */
    public enum Outcome {
        ACCEPTED(202),
        MALFORMED(400),
        UNAUTHENTIC(401),
        UNKNOWN_ENVIRONMENT(404),
        REPLAYED(409),
        TOO_LARGE(413),
        /** Internal failure, for example a secret store that threw; the sender retries. */
        ERROR(500),
        /** The replay cache is full of unexpired deliveries; the sender retries later. */
        BUSY(503);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if ((outcome == Outcome.ACCEPTED) != (report != null) || (report != null) != (delivery != null)) {
            throw new IllegalArgumentException("a report and its delivery come with acceptance and only with it");
        }
    }

    static Verdict refused(Outcome outcome, String reason) {
        return new Verdict(outcome, reason, null, null);
    }

    public int status() {
        return outcome.status();
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
