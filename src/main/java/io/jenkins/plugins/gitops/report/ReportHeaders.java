package io.jenkins.plugins.gitops.report;

/** The HTTP headers that carry a report's envelope. */
public final class ReportHeaders {

    public static final String ENVIRONMENT = "X-GitOps-Environment";
    /** A UUID per delivery; a receiver accepts each one once. */
    public static final String DELIVERY = "X-GitOps-Delivery";
    /** Unix seconds when the report was signed. */
    public static final String TIMESTAMP = "X-GitOps-Timestamp";
    /** {@code sha256=<hex of HMAC-SHA256(secret, timestamp + "." + raw body)>}. */
    public static final String SIGNATURE = "X-GitOps-Signature";

    private ReportHeaders() {}
}
