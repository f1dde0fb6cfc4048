package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A report ready to POST: its body bytes and the envelope headers that sign them.
 *
 * @param environment the environment the report is about
 * @param deliveryId this delivery's UUID; a retry of the same bytes reuses it
 * @param timestamp unix seconds at signing
 * @param signature {@code sha256=<hex>}
 * @param body the exact bytes that were signed
 */
public record SignedReport(String environment, String deliveryId, long timestamp, String signature, byte[] body) {

    /**
     * Encodes and signs a report.
     *
     * @throws IllegalArgumentException when the secret is empty
     */
    public static SignedReport sign(Report report, byte[] secret, UUID deliveryId, Instant now) {
        byte[] body = ReportCodec.encode(report);
        String timestamp = Long.toString(now.getEpochSecond());
        return new SignedReport(report.environment(), deliveryId.toString(), now.getEpochSecond(),
                ReportSignature.of(secret, timestamp, body), body);
    }

    /** The same bytes and delivery id, signed again at {@code now}, for a retry after the timestamp aged. */
    public SignedReport resign(byte[] secret, Instant now) {
        String stamp = Long.toString(now.getEpochSecond());
        return new SignedReport(environment, deliveryId, now.getEpochSecond(), ReportSignature.of(secret, stamp, body), body);
    }

    /** The four envelope headers, in a fixed order. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ReportHeaders.ENVIRONMENT, environment);
        headers.put(ReportHeaders.DELIVERY, deliveryId);
        headers.put(ReportHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(ReportHeaders.SIGNATURE, signature);
        return headers;
    }
}
