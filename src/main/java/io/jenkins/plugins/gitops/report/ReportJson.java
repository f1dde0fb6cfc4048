package io.jenkins.plugins.gitops.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/** The one Jackson configuration for report JSON: bounded, strict, and exact with numbers. */
final class ReportJson {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(ReportLimits.MAX_BODY_BYTES)
                            .maxStringLength(ReportLimits.MAX_BODY_BYTES)
                            .maxNestingDepth(ReportLimits.MAX_NESTING_DEPTH)
                            .maxNameLength(ReportLimits.MAX_NAME_LENGTH)
                            .build())
                    .build())
            // A duplicate key is ambiguous: two readers could see two different reports under one signature.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Desired and live values travel unchanged: no rounding through double, no stripped zeroes.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private static final int MAX_DETAIL = 160;

    private ReportJson() {}

    /** One line saying what is wrong with the JSON text and where, without echoing much of it. */
    static String describe(JsonProcessingException e) {
        String what;
        if (e instanceof StreamConstraintsException) {
            what = "exceeds a limit: " + e.getOriginalMessage();
        } else if (e instanceof JsonEOFException) {
            what = "truncated: " + e.getOriginalMessage();
        } else {
            what = "not valid JSON: " + e.getOriginalMessage();
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return oneLine(what, MAX_DETAIL) + where;
    }

    /** Text fit for a one-line reason: control characters escaped, long text cut. */
    static String oneLine(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= max) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
