package io.jenkins.plugins.gitops.report;

import io.jenkins.plugins.gitops.report.Verdict.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides whether one POSTed report is accepted: the receiving half of the protocol, shared by the
 * Jenkins endpoint and {@code report verify}. Checks run cheapest and least trusting first: size,
 * envelope headers, environment, timestamp window, signature (constant-time), then the body's schema,
 * and last the replay cache, so only authentic, well-formed deliveries are remembered.
 *
 * <p>Every failure, including an exception from the secret lookup, becomes a {@link Verdict}; none
 * escapes. Reasons name the header or field at fault and never contain a secret. Thread-safe; a
 * receiver holds one for its lifetime, since its replay cache must see every delivery.
 */
public final class ReportVerifier {

    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");
    private static final int MAX_ECHO = 64;

    private final SecretLookup secrets;
    private final Clock clock;
    private final ReplayCache replays;

    public ReportVerifier(SecretLookup secrets, Clock clock, ReplayCache replays) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replays = Objects.requireNonNull(replays, "replays");
    }

    /**
     * Verifies one delivery.
     *
     * @param headers the request headers, names in any case
     * @param body the raw request body; at most {@link ReportLimits#MAX_BODY_BYTES} + 1 bytes are read
     */
    public Verdict verify(Map<String, List<String>> headers, InputStream body) {
        try {
            return check(caseInsensitive(headers), body);
        } catch (RuntimeException e) {
            // A bug or a failing secret store must still be an answer, and its message may hold anything.
            return Verdict.refused(Outcome.ERROR, "internal error while verifying: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Forgets a delivery this verifier accepted, for a receiver that could not keep its report: the
     * sender's retry of the same delivery is then accepted instead of refused as a replay.
     *
     * @param headers the headers of the accepted request
     */
    public void withdraw(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = caseInsensitive(headers);
        Header delivery = header(byName, ReportHeaders.DELIVERY, UUID_TEXT, "a UUID");
        Header signature = header(byName, ReportHeaders.SIGNATURE, SIGNATURE, "sha256=<64 hex digits>");
        if (delivery.problem() == null && signature.problem() == null) {
            replays.forget(delivery.value().toLowerCase(Locale.ROOT), signature.value().toLowerCase(Locale.ROOT));
        }
    }

    private Verdict check(Map<String, List<String>> headers, InputStream in) {
        Optional<Long> declaredLength = declaredLength(headers);
        if (declaredLength.isPresent() && declaredLength.get() > ReportLimits.MAX_BODY_BYTES) {
            return tooLarge("Content-Length: " + declaredLength.get());
        }
        Header environment = header(headers, ReportHeaders.ENVIRONMENT, ENVIRONMENT, "an environment name");
        Header delivery = header(headers, ReportHeaders.DELIVERY, UUID_TEXT, "a UUID");
        Header timestamp = header(headers, ReportHeaders.TIMESTAMP, UNIX_SECONDS, "unix seconds");
        Header signature = header(headers, ReportHeaders.SIGNATURE, SIGNATURE, "sha256=<64 hex digits>");
        for (Header header : List.of(environment, delivery, timestamp, signature)) {
            if (header.problem() != null) {
                return Verdict.refused(Outcome.MALFORMED, header.problem());
            }
        }

        byte[] body;
        try {
            body = in.readNBytes(ReportLimits.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return Verdict.refused(Outcome.MALFORMED, "body: could not be read: " + e.getClass().getSimpleName());
        }
        if (body.length > ReportLimits.MAX_BODY_BYTES) {
            return tooLarge("body");
        }

        Optional<byte[]> secret = secrets.secretFor(environment.value());
        if (secret.isEmpty() || secret.get().length == 0) {
            return Verdict.refused(Outcome.UNKNOWN_ENVIRONMENT, ReportHeaders.ENVIRONMENT + ": no environment named '"
                    + environment.value() + "' is configured to receive reports");
        }

        Instant now = clock.instant();
        long signedAt = Long.parseLong(timestamp.value());
        long skew = now.getEpochSecond() - signedAt;
        long window = ReportLimits.TIMESTAMP_WINDOW.toSeconds();
        if (Math.abs(skew) > window) {
            return Verdict.refused(Outcome.UNAUTHENTIC, ReportHeaders.TIMESTAMP + ": " + signedAt + " is "
                    + Math.abs(skew) + " s in the " + (skew > 0 ? "past" : "future")
                    + "; reports are accepted within ±" + window + " s");
        }

        byte[] presented = HexFormat.of().parseHex(signature.value().substring(ReportSignature.PREFIX.length()));
        byte[] expected = ReportSignature.mac(secret.get(), timestamp.value(), body);
        if (!MessageDigest.isEqual(expected, presented)) {
            return Verdict.refused(Outcome.UNAUTHENTIC, ReportHeaders.SIGNATURE + ": does not match the body and "
                    + "timestamp under the secret of environment '" + environment.value() + "'");
        }

        Report report;
        try {
            report = ReportCodec.decode(body);
        } catch (InvalidReportException e) {
            return Verdict.refused(Outcome.MALFORMED, e.getMessage());
        }
        Instant latestPossible = Instant.ofEpochSecond(signedAt).plus(ReportLimits.GENERATED_AT_LEAD);
        if (report.generatedAt().isAfter(latestPossible)) {
            // Written after it was signed: the agent's clock jumped, or the report lies about its time.
            return Verdict.refused(Outcome.MALFORMED, "generatedAt: " + report.generatedAt() + " is after "
                    + ReportHeaders.TIMESTAMP + " " + signedAt + " by more than " + ReportLimits.GENERATED_AT_LEAD.toSeconds()
                    + " s; a report is written before it is signed");
        }
        if (!report.environment().equals(environment.value())) {
            return Verdict.refused(Outcome.MALFORMED, "environment: '" + ReportJson.oneLine(report.environment(), MAX_ECHO)
                    + "' in the body, but '" + environment.value() + "' in " + ReportHeaders.ENVIRONMENT);
        }

        String deliveryId = delivery.value().toLowerCase(Locale.ROOT);
        String signatureKey = signature.value().toLowerCase(Locale.ROOT);
        return switch (replays.admit(deliveryId, signatureKey, Instant.ofEpochSecond(signedAt + window), now)) {
            case ADMITTED -> new Verdict(Outcome.ACCEPTED, "accepted delivery " + deliveryId + " for environment '"
                    + environment.value() + "'", report,
                    new SignedReport(environment.value(), delivery.value(), signedAt, signature.value(), body));
            case DELIVERY_SEEN -> Verdict.refused(Outcome.REPLAYED,
                    ReportHeaders.DELIVERY + ": " + deliveryId + " was already delivered");
            case SIGNATURE_SEEN -> Verdict.refused(Outcome.REPLAYED, ReportHeaders.SIGNATURE
                    + ": this signed body was already delivered under another delivery id");
            case FULL -> Verdict.refused(Outcome.BUSY, ReportHeaders.DELIVERY
                    + ": too many recent deliveries to remember another; retry later");
        };
    }

    private static Verdict tooLarge(String what) {
        return Verdict.refused(Outcome.TOO_LARGE,
                what + ": more than the limit of " + ReportLimits.MAX_BODY_BYTES + " bytes");
    }

    /** A header's single value, or why it is unusable. */
    private record Header(String value, String problem) {}

    private static Header header(Map<String, List<String>> headers, String name, Pattern format, String expected) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return new Header(null, name + ": missing");
        }
        if (values.size() > 1) {
            return new Header(null, name + ": sent " + values.size() + " times; expected once");
        }
        String value = values.get(0) == null ? "" : values.get(0).strip();
        if (!format.matcher(value).matches()) {
            return new Header(null, name + ": expected " + expected + ", got '" + ReportJson.oneLine(value, MAX_ECHO) + "'");
        }
        return new Header(value, null);
    }

    private static Optional<Long> declaredLength(Map<String, List<String>> headers) {
        List<String> values = headers.get("Content-Length");
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(values.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                out.merge(name, List.copyOf(values), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
        });
        return out;
    }
}
