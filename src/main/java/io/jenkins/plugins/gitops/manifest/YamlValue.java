package io.jenkins.plugins.gitops.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers its line, so that validation can name the line of each field.
 * Scalars hold what JSON can hold: strings, numbers, booleans and null.
 */
sealed interface YamlValue permits YamlValue.Invalid, YamlValue.Scalar, YamlValue.Mapping, YamlValue.Sequence {

    /** 1-based line where the value starts. */
    int line();

    /** The value as plain, unmodifiable Java collections, as {@link ManifestObject#content()} holds it. */
    Object toPlain();

    /** A word for the kind of value, for messages. */
    String describe();

    /** Stands for a value already reported as a problem, so that no second problem is told about it. */
    record Invalid(int line) implements YamlValue {

        @Override
        public Object toPlain() {
            return null;
        }

        @Override
        public String describe() {
            return "an invalid value";
        }
    }

    record Scalar(Object value, int line) implements YamlValue {

        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "a string";
            }
            return value instanceof Boolean ? "a boolean" : "a number";
        }
    }

    record Mapping(Map<String, YamlValue> entries, int line) implements YamlValue {

        YamlValue get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            entries.forEach((key, value) -> plain.put(key, value.toPlain()));
            return Collections.unmodifiableMap(plain);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlValue> items, int line) implements YamlValue {

        @Override
        public List<Object> toPlain() {
            List<Object> plain = new ArrayList<>(items.size());
            items.forEach(item -> plain.add(item.toPlain()));
            return Collections.unmodifiableList(plain);
        }

        @Override
        public String describe() {
            return "a sequence";
        }
    }
}
