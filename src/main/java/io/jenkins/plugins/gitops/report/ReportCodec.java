package io.jenkins.plugins.gitops.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Report JSON, schema v1: the bytes the agent signs and Jenkins verifies. */
public final class ReportCodec {

    private ReportCodec() {}

    /** The report as compact UTF-8 JSON; absent optional fields are left out. */
    public static byte[] encode(Report report) {
        return written(4096, json -> writeReport(json, report));
    }

    /**
     * {@code {"resources":[...]}}: entries written as a report writes them, for what shows resources
     * outside a report (the {@code diff} command).
     */
    public static byte[] encodeResources(List<ResourceEntry> resources) {
        return written(1024, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("resources");
            for (ResourceEntry resource : resources) {
                writeResource(json, resource);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The length of one resource entry as {@link #encode} writes it inside {@code resources}. */
    static int encodedLength(ResourceEntry resource) {
        return written(256, json -> writeResource(json, resource)).length;
    }

    private interface JsonWriting {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static byte[] written(int expectedSize, JsonWriting writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
        try (JsonGenerator json = ReportJson.MAPPER.createGenerator(out)) {
            writing.writeTo(json);
        } catch (IOException e) {
            // Writing to memory fails only on a bug.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Parses and checks a report body within {@link ReportLimits}.
     *
     * @throws InvalidReportException with a one-line reason naming the field at fault
     */
    public static Report decode(byte[] body) throws InvalidReportException {
        if (body.length == 0) {
            throw new InvalidReportException("body", "empty");
        }
        if (body.length > ReportLimits.MAX_BODY_BYTES) {
            throw new InvalidReportException(
                    "body", body.length + " bytes, more than the limit of " + ReportLimits.MAX_BODY_BYTES);
        }
        JsonNode root;
        try {
            root = ReportJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidReportException("body", ReportJson.describe(e));
        } catch (IOException e) {
            throw new InvalidReportException("body", "unreadable: " + ReportJson.oneLine(String.valueOf(e.getMessage()), 160));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidReportException("body", "no JSON value, only whitespace");
        }
        return ReportReader.read(root);
    }

    private static void writeReport(JsonGenerator json, Report report) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schema", report.schema());
        json.writeStringField("environment", report.environment());
        json.writeObjectFieldStart("agent");
        json.writeStringField("id", report.agent().id());
        json.writeStringField("version", report.agent().version());
        json.writeEndObject();
        SourceState source = report.source();
        json.writeObjectFieldStart("source");
        json.writeStringField("repository", source.repository());
        json.writeStringField("branch", source.branch());
        json.writeStringField("path", source.path());
        json.writeStringField("revision", source.revision());
        writeStrings(json, "appliedCommits", source.appliedCommits());
        if (source.refused() != null) {
            json.writeObjectFieldStart("refused");
            json.writeStringField("revision", source.refused().revision());
            json.writeStringField("reason", source.refused().reason());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeStringField("phase", report.phase().wireName());
        json.writeStringField("health", report.health().wireName());
        json.writeArrayFieldStart("resources");
        for (ResourceEntry resource : report.resources()) {
            writeResource(json, resource);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("events");
        for (ReportEvent event : report.events()) {
            json.writeStartObject();
            json.writeStringField("type", event.type().wireName());
            writeTime(json, "time", event.time());
            json.writeStringField("message", event.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeTime(json, "generatedAt", report.generatedAt());
        if (report.sequence() != null) {
            json.writeObjectFieldStart("sequence");
            json.writeStringField("run", report.sequence().run());
            json.writeNumberField("number", report.sequence().number());
            json.writeEndObject();
        }
        if (!report.omitted().isNone()) {
            json.writeObjectFieldStart("omitted");
            json.writeObjectFieldStart("resources");
            for (var count : report.omitted().resources().entrySet()) {
                json.writeNumberField(count.getKey().wireName(), count.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("events", report.omitted().events());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeResource(JsonGenerator json, ResourceEntry resource) throws IOException {
        json.writeStartObject();
        json.writeStringField("apiVersion", resource.apiVersion());
        json.writeStringField("kind", resource.kind());
        writeOptional(json, "namespace", resource.namespace());
        json.writeStringField("name", resource.name());
        json.writeStringField("status", resource.status().wireName());
        json.writeStringField("health", resource.health().wireName());
        if (!resource.diffs().isEmpty()) {
            json.writeArrayFieldStart("diffs");
            for (FieldDiff diff : resource.diffs()) {
                writeDiff(json, diff);
            }
            json.writeEndArray();
        }
        writeOptional(json, "message", resource.message());
        json.writeEndObject();
    }

    private static void writeDiff(JsonGenerator json, FieldDiff diff) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", diff.path());
        if (diff.desired() != null) {
            json.writeFieldName("desired");
            diff.desired().writeTo(json);
        }
        if (diff.live() != null) {
            json.writeFieldName("live");
            diff.live().writeTo(json);
        }
        writeOptional(json, "manager", diff.manager());
        if (diff.changedAt() != null) {
            writeTime(json, "changedAt", diff.changedAt());
        }
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeOptional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeTime(JsonGenerator json, String name, Instant time) throws IOException {
        json.writeStringField(name, time.toString());
    }
}
