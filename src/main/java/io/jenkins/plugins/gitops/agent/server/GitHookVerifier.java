package io.jenkins.plugins.gitops.agent.server;

import io.jenkins.plugins.gitops.report.ReportHeaders;
import io.jenkins.plugins.gitops.report.ReportLimits;
import io.jenkins.plugins.gitops.report.ReportSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks a {@code POST /hooks/git} the way Jenkins checks a report (the same headers and signature):
 * {@code X-GitOps-Timestamp} within {@link ReportLimits#TIMESTAMP_WINDOW} of now, and
 * {@code X-GitOps-Signature: sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>} compared in
 * constant time. A replayed hook only makes the agent check the branch tip once more, so no replay
 * cache is kept.
 */
public final class GitHookVerifier {

    /** A push notification is small; anything larger is refused unread. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final byte[] secret;
    private final Clock clock;

    public GitHookVerifier(byte[] secret, Clock clock) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the git hook secret is empty");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /**
     * Why the hook is refused, one line naming the header; empty when it is authentic.
     *
     * @param header the request's header of a name, or null when absent
     */
    public Optional<String> problem(UnaryOperator<String> header, byte[] body) {
        String timestamp = header.apply(ReportHeaders.TIMESTAMP);
        if (timestamp == null || !UNIX_SECONDS.matcher(timestamp).matches()) {
            return Optional.of(ReportHeaders.TIMESTAMP + ": missing or not unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > ReportLimits.TIMESTAMP_WINDOW.toSeconds()) {
            return Optional.of(ReportHeaders.TIMESTAMP + ": " + skew + " s from the agent's clock, more than "
                    + ReportLimits.TIMESTAMP_WINDOW.toSeconds() + " s");
        }
        String signature = header.apply(ReportHeaders.SIGNATURE);
        if (signature == null) {
            return Optional.of(ReportHeaders.SIGNATURE + ": missing");
        }
        byte[] expected = ReportSignature.of(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(ReportHeaders.SIGNATURE + ": does not match the body");
        }
        return Optional.empty();
    }
}
