package io.jenkins.plugins.gitops.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

/**
 * An arbitrary JSON value (a field's desired or live value in a diff), carried as data and never
 * interpreted. Immutable: the parsed tree it wraps never leaves this class. Compared by its compact
 * JSON text, which is rendered only when asked for, since a receiver mostly stores values unread.
 */
public final class JsonValue {

    private final JsonNode node;
    private volatile String json;

    private JsonValue(JsonNode node) {
        this.node = node;
    }

    /**
     * The JSON of a Java value as YAML and JSON parsers produce them: maps, lists, strings, numbers,
     * booleans and {@code null}.
     *
     * @throws IllegalArgumentException when the value has no JSON form
     */
    public static JsonValue of(Object value) {
        if (value == null) {
            return new JsonValue(NullNode.getInstance());
        }
        JsonNode node;
        try {
            node = ReportJson.MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName(), e);
        }
        if (hasNonFiniteNumber(node)) {
            // YAML has .nan and .inf; JSON does not, and a receiver would refuse the whole report.
            throw new IllegalArgumentException("no JSON form for NaN or an infinity");
        }
        return new JsonValue(node);
    }

    private static boolean hasNonFiniteNumber(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            return !Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (hasNonFiniteNumber(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses JSON text, within the same bounds as a report body.
     *
     * @throws IllegalArgumentException with a one-line reason when the text is not one JSON value
     */
    public static JsonValue parse(String json) {
        try {
            JsonNode node = ReportJson.MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value in an empty text");
            }
            return new JsonValue(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ReportJson.describe(e), e);
        }
    }

    /** Wraps a subtree of a parsed report, which nothing else holds. */
    static JsonValue wrap(JsonNode node) {
        return new JsonValue(node);
    }

    void writeTo(JsonGenerator generator) throws IOException {
        generator.writeTree(node);
    }

    /** The compact JSON text, for example {@code {"cpu":"500m"}} or {@code 3} or {@code null}. */
    public String json() {
        String text = json;
        if (text == null) {
            text = node.toString();
            json = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonValue that && json().equals(that.json());
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
