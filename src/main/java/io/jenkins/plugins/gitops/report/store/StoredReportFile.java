package io.jenkins.plugins.gitops.report.store;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a stored report's file, which carries what the signed bytes inside cannot: the order of
 * receipt, when it was received, and the envelope it was signed under, so that the file can be verified
 * again later ({@code report verify --stored FILE}).
 *
 * <p>{@code report-SEQUENCE-RECEIVEDMILLIS-SIGNEDAT-HEX.json}. Files written before the store kept the
 * signed bytes are named {@code report-SEQUENCE-RECEIVEDMILLIS.json}; they still load, without an envelope.
 *
 * @param sequence the order of receipt within its environment, from 1
 * @param receivedAt when the receiver accepted the report, to the millisecond
 * @param signedAt the {@code X-GitOps-Timestamp} it was accepted with, or 0 without an envelope
 * @param signatureHex the hex digits of its {@code X-GitOps-Signature}, or {@code null} without an envelope
 */
public record StoredReportFile(long sequence, Instant receivedAt, long signedAt, String signatureHex) {

    private static final Pattern NAME =
            Pattern.compile("report-([0-9]{1,18})-([0-9]{1,15})(?:-([0-9]{1,12})-([0-9a-f]{64}))?\\.json");

    /** The file name of a report, or empty when {@code fileName} is not one (a temporary or set-aside file). */
    public static Optional<StoredReportFile> parse(String fileName) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            return Optional.empty();
        }
        boolean signed = name.group(3) != null;
        return Optional.of(new StoredReportFile(Long.parseLong(name.group(1)),
                Instant.ofEpochMilli(Long.parseLong(name.group(2))),
                signed ? Long.parseLong(name.group(3)) : 0, signed ? name.group(4) : null));
    }

    /** True when the file holds the exact bytes that were signed, with the envelope to check them. */
    public boolean hasEnvelope() {
        return signatureHex != null;
    }

    public String fileName() {
        String stem = "report-" + sequence + "-" + receivedAt.toEpochMilli();
        return (hasEnvelope() ? stem + "-" + signedAt + "-" + signatureHex : stem) + ".json";
    }
}
