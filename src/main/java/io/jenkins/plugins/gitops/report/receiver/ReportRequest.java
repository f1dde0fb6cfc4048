package io.jenkins.plugins.gitops.report.receiver;

import io.jenkins.plugins.gitops.report.ReportLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the report endpoint, as any server hands it over.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param headers every header with all its values; names in any case
 * @param body the body as read by {@link #read}: at most {@link ReportLimits#MAX_BODY_BYTES} + 1 bytes, so
 *     that a longer body is recognised as too large without being held
 */
public record ReportRequest(String method, Map<String, List<String>> headers, byte[] body) {

    public ReportRequest {
        Objects.requireNonNull(method, "method");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.put(name, values.stream().filter(Objects::nonNull).toList());
            }
        });
        headers = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(body, "body");
    }

    /**
     * Reads a request body within the limit: nothing when the declared {@code Content-Length} is over it,
     * otherwise at most one byte more than it, however long the stream is.
     *
     * @throws IOException when the stream fails
     */
    public static ReportRequest read(String method, Map<String, List<String>> headers, InputStream body) throws IOException {
        ReportRequest request = new ReportRequest(method, headers, new byte[0]);
        if (!method.equals("POST") || request.declaredLength() > ReportLimits.MAX_BODY_BYTES) {
            return request;
        }
        return new ReportRequest(method, headers, body.readNBytes(ReportLimits.MAX_BODY_BYTES + 1));
    }

    /** The declared {@code Content-Length}, or -1 when absent or unreadable. */
    private long declaredLength() {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Length") && header.getValue().size() == 1) {
                try {
                    return Long.parseLong(header.getValue().get(0).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
