package io.jenkins.plugins.gitops.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a parsed report tree into the model, checking schema v1 strictly: every field's type, every
 * enum value, the bounds of {@link ReportLimits}, and no unknown fields (a misspelt field must not be
 * silently dropped). The first problem ends the read, named by its path.
 */
final class ReportReader {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final int MAX_ECHO = 64;

    private static final Set<String> REPORT_FIELDS = Set.of(
            "schema", "environment", "agent", "source", "phase", "health", "resources", "events", "generatedAt", "sequence", "omitted");
    private static final Set<String> AGENT_FIELDS = Set.of("id", "version");
    private static final Set<String> OMITTED_FIELDS = Set.of("resources", "events");
    private static final Set<String> SEQUENCE_FIELDS = Set.of("run", "number");
    private static final Set<String> SOURCE_FIELDS = Set.of("repository", "branch", "path", "revision", "appliedCommits", "refused");
    private static final Set<String> REFUSED_FIELDS = Set.of("revision", "reason");
    private static final Set<String> RESOURCE_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "name", "status", "health", "diffs", "message");
    private static final Set<String> DIFF_FIELDS = Set.of("path", "desired", "live", "manager", "changedAt");
    private static final Set<String> EVENT_FIELDS = Set.of("type", "time", "message");

    private ReportReader() {}

    static Report read(JsonNode root) throws InvalidReportException {
        requireObject(root, "body", REPORT_FIELDS);
        JsonNode schema = root.get("schema");
        if (schema == null) {
            throw new InvalidReportException("schema", "missing");
        }
        if (!schema.isIntegralNumber() || !schema.canConvertToInt() || schema.intValue() != Report.SCHEMA) {
            throw new InvalidReportException("schema", "unsupported version " + echo(schema) + " (this reader knows "
                    + Report.SCHEMA + ")");
        }
        return new Report(
                Report.SCHEMA,
                nonEmptyText(root, "environment", ""),
                agent(field(root, "agent", "")),
                source(field(root, "source", "")),
                wireEnum(root, "phase", "", SyncPhase.values()),
                wireEnum(root, "health", "", Health.values()),
                array(root, "resources", "", ReportLimits.MAX_RESOURCES, ReportReader::resource),
                array(root, "events", "", ReportLimits.MAX_EVENTS, ReportReader::event),
                time(root, "generatedAt", ""),
                root.has("sequence") ? sequence(root.get("sequence")) : null,
                root.has("omitted") ? omitted(root.get("omitted")) : Omitted.NONE);
    }

    /** Optional: a report that leaves nothing out has none. */
    private static Omitted omitted(JsonNode node) throws InvalidReportException {
        requireObject(node, "omitted", OMITTED_FIELDS);
        JsonNode resources = field(node, "resources", "omitted.");
        if (!resources.isObject()) {
            throw wrongType("omitted.resources", "an object", resources);
        }
        Map<ResourceStatus, Integer> counts = new EnumMap<>(ResourceStatus.class);
        for (Map.Entry<String, JsonNode> count : resources.properties()) {
            String at = "omitted.resources." + count.getKey();
            ResourceStatus status = Arrays.stream(ResourceStatus.values())
                    .filter(value -> value.wireName().equals(count.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidReportException(at, "not a resource status"));
            counts.put(status, count(count.getValue(), at));
        }
        return new Omitted(counts, count(field(node, "events", "omitted."), "omitted.events"));
    }

    private static int count(JsonNode node, String path) throws InvalidReportException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new InvalidReportException(path, "expected a whole number from 0, got " + echo(node));
        }
        return node.intValue();
    }

    /** Optional: agents older than the field send none. */
    private static ReportSequence sequence(JsonNode node) throws InvalidReportException {
        requireObject(node, "sequence", SEQUENCE_FIELDS);
        String run = nonEmptyText(node, "run", "sequence.");
        if (run.length() > ReportSequence.MAX_RUN_LENGTH) {
            throw new InvalidReportException("sequence.run", run.length() + " characters, more than the limit of "
                    + ReportSequence.MAX_RUN_LENGTH);
        }
        JsonNode number = field(node, "number", "sequence.");
        if (!number.isIntegralNumber() || !number.canConvertToLong() || number.longValue() < 1) {
            throw new InvalidReportException("sequence.number", "expected a whole number from 1, got " + echo(number));
        }
        return new ReportSequence(run, number.longValue());
    }

    private static AgentIdentity agent(JsonNode node) throws InvalidReportException {
        requireObject(node, "agent", AGENT_FIELDS);
        return new AgentIdentity(nonEmptyText(node, "id", "agent."), nonEmptyText(node, "version", "agent."));
    }

    private static SourceState source(JsonNode node) throws InvalidReportException {
        String at = "source.";
        requireObject(node, "source", SOURCE_FIELDS);
        return new SourceState(
                nonEmptyText(node, "repository", at),
                nonEmptyText(node, "branch", at),
                nonEmptyText(node, "path", at),
                commitId(node.get("revision"), at + "revision"),
                array(node, "appliedCommits", at, ReportLimits.MAX_APPLIED_COMMITS, ReportReader::commitId),
                node.has("refused") ? refusal(node.get("refused")) : null);
    }

    private static Refusal refusal(JsonNode node) throws InvalidReportException {
        String at = "source.refused.";
        requireObject(node, "source.refused", REFUSED_FIELDS);
        return new Refusal(commitId(node.get("revision"), at + "revision"), nonEmptyText(node, "reason", at));
    }

    private static ResourceEntry resource(JsonNode node, String path) throws InvalidReportException {
        requireObject(node, path, RESOURCE_FIELDS);
        String at = path + ".";
        return new ResourceEntry(
                nonEmptyText(node, "apiVersion", at),
                nonEmptyText(node, "kind", at),
                optionalText(node, "namespace", at),
                nonEmptyText(node, "name", at),
                wireEnum(node, "status", at, ResourceStatus.values()),
                wireEnum(node, "health", at, Health.values()),
                node.has("diffs") ? array(node, "diffs", at, Integer.MAX_VALUE, ReportReader::diff) : List.of(),
                optionalText(node, "message", at));
    }

    private static FieldDiff diff(JsonNode node, String path) throws InvalidReportException {
        requireObject(node, path, DIFF_FIELDS);
        String at = path + ".";
        JsonNode pointer = field(node, "path", at);
        if (!pointer.isTextual()) {
            throw wrongType(at + "path", "a string", pointer);
        }
        if (!isJsonPointer(pointer.textValue())) {
            throw new InvalidReportException(at + "path", "not a JSON pointer: " + echo(pointer));
        }
        JsonNode changedAt = node.get("changedAt");
        return new FieldDiff(
                pointer.textValue(),
                value(node.get("desired")),
                value(node.get("live")),
                optionalText(node, "manager", at),
                changedAt == null || changedAt.isNull() ? null : time(node, "changedAt", at));
    }

    private static ReportEvent event(JsonNode node, String path) throws InvalidReportException {
        requireObject(node, path, EVENT_FIELDS);
        String at = path + ".";
        return new ReportEvent(
                wireEnum(node, "type", at, EventType.values()), time(node, "time", at), text(node, "message", at));
    }

    /** RFC 6901: empty, or {@code /}-separated tokens where {@code ~} only starts {@code ~0} or {@code ~1}. */
    private static boolean isJsonPointer(String text) {
        // A loop, not a regular expression: a pattern with a repeated group recurses per character and a
        // pointer of some hundred thousand characters would overflow the stack.
        if (!text.isEmpty() && text.charAt(0) != '/') {
            return false;
        }
        for (int i = text.indexOf('~'); i >= 0; i = text.indexOf('~', i + 1)) {
            if (i + 1 == text.length() || (text.charAt(i + 1) != '0' && text.charAt(i + 1) != '1')) {
                return false;
            }
        }
        return true;
    }

    private static JsonValue value(JsonNode node) {
        return node == null ? null : JsonValue.wrap(node);
    }

    private static String commitId(JsonNode node, String path) throws InvalidReportException {
        if (node == null) {
            throw new InvalidReportException(path, "missing");
        }
        if (!node.isTextual()) {
            throw wrongType(path, "a string", node);
        }
        if (!COMMIT_ID.matcher(node.textValue()).matches()) {
            throw new InvalidReportException(path, "not a full lowercase hex commit id: " + echo(node));
        }
        return node.textValue();
    }

    private interface ElementReader<T> {
        T read(JsonNode node, String path) throws InvalidReportException;
    }

    private static <T> List<T> array(JsonNode parent, String name, String at, int max, ElementReader<T> reader)
            throws InvalidReportException {
        JsonNode node = field(parent, name, at);
        String path = at + name;
        if (!node.isArray()) {
            throw wrongType(path, "an array", node);
        }
        if (node.size() > max) {
            throw new InvalidReportException(path, node.size() + " entries, more than the limit of " + max);
        }
        List<T> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(reader.read(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static <E extends Enum<E> & WireName> E wireEnum(JsonNode parent, String name, String at, E[] values)
            throws InvalidReportException {
        String text = text(parent, name, at);
        for (E value : values) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        List<String> known = new ArrayList<>(values.length);
        for (E value : values) {
            known.add(value.wireName());
        }
        throw new InvalidReportException(at + name, "unknown value " + quote(text) + " (expected one of "
                + String.join(", ", known) + ")");
    }

    private static Instant time(JsonNode parent, String name, String at) throws InvalidReportException {
        String text = text(parent, name, at);
        try {
            return instant(text);
        } catch (DateTimeException e) {
            throw new InvalidReportException(at + name, "not an RFC 3339 timestamp: " + quote(text));
        }
    }

    /**
     * RFC 3339. The form {@link Instant#toString()} writes ({@code 2026-03-01T12:00:00Z}, maybe with a
     * fraction), which is what agents send, is read directly: the general formatter costs more than all
     * the other checks of a diff together.
     */
    private static Instant instant(String text) {
        int length = text.length();
        int fractionDigits = length - 21;
        boolean plain = length == 20 || (fractionDigits >= 1 && fractionDigits <= 9 && text.charAt(19) == '.');
        if (plain && text.charAt(length - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int[] fields = {digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                digits(text, 14, 16), digits(text, 17, 19), length == 20 ? 0 : digits(text, 20, length - 1)};
            if (Arrays.stream(fields).allMatch(field -> field >= 0)) {
                int nanos = fields[6] * (int) Math.pow(10, length == 20 ? 0 : 9 - fractionDigits);
                return LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], nanos)
                        .toInstant(ZoneOffset.UTC);
            }
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    /** The decimal value of {@code text[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String nonEmptyText(JsonNode parent, String name, String at) throws InvalidReportException {
        String text = text(parent, name, at);
        if (text.isEmpty()) {
            throw new InvalidReportException(at + name, "empty");
        }
        return text;
    }

    private static String text(JsonNode parent, String name, String at) throws InvalidReportException {
        JsonNode node = field(parent, name, at);
        if (!node.isTextual()) {
            throw wrongType(at + name, "a string", node);
        }
        return node.textValue();
    }

    /** A string field that may be absent or null. */
    private static String optionalText(JsonNode parent, String name, String at) throws InvalidReportException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(at + name, "a string", node);
        }
        return node.textValue();
    }

    private static JsonNode field(JsonNode parent, String name, String at) throws InvalidReportException {
        JsonNode node = parent.get(name);
        if (node == null) {
            throw new InvalidReportException(at + name, "missing");
        }
        return node;
    }

    private static void requireObject(JsonNode node, String path, Set<String> known) throws InvalidReportException {
        if (!node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String prefix = path.equals("body") ? "" : path + ".";
                throw new InvalidReportException(prefix + ReportJson.oneLine(name, MAX_ECHO), "unknown field");
            }
        }
    }

    private static InvalidReportException wrongType(String path, String expected, JsonNode actual) {
        return new InvalidReportException(path, "expected " + expected + ", got " + kind(actual));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY, MISSING -> "nothing";
        };
    }

    private static String echo(JsonNode node) {
        return node.isTextual() ? quote(node.textValue()) : ReportJson.oneLine(node.toString(), MAX_ECHO);
    }

    private static String quote(String text) {
        return "'" + ReportJson.oneLine(text, MAX_ECHO) + "'";
    }
}
