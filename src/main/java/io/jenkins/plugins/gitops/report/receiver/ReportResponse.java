package io.jenkins.plugins.gitops.report.receiver;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoint's answer: a status and one line saying why, sent as plain text.
 *
 * @param status the HTTP status
 * @param reason one line; never a secret
 */
public record ReportResponse(int status, String reason) {

    public static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

    public ReportResponse {
        Objects.requireNonNull(reason, "reason");
    }

    /** The headers to send besides the content type: {@code Allow} with a 405. */
    public Map<String, String> headers() {
        return status == 405 ? Map.of("Allow", "POST") : Map.of();
    }

    /** The reason and a line break, in UTF-8. */
    public byte[] body() {
        return (reason + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
