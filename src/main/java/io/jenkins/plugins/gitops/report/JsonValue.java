package io.jenkins.plugins.gitops.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An arbitrary JSON value (a field's desired or live value in a diff), held as its compact JSON text.
 * Immutable, and compared by that text. It is carried as data and never interpreted.
 */
public final class JsonValue {

    private final String json;

    private JsonValue(String json) {
        this.json = json;
    }

    /**
     * The JSON of a Java value as YAML and JSON parsers produce them: maps, lists, strings, numbers,
     * booleans and {@code null}.
     *
     * @throws IllegalArgumentException when the value has no JSON form
     */
    public static JsonValue of(Object value) {
        try {
            return new JsonValue(ReportJson.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName(), e);
        }
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
            return new JsonValue(node.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ReportJson.describe(e), e);
        }
    }

    /** Wraps text that is already compact JSON from a parsed tree. */
    static JsonValue ofCompact(String json) {
        return new JsonValue(json);
    }

    /** The compact JSON text, for example {@code {"cpu":"500m"}} or {@code 3} or {@code null}. */
    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonValue that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
