package io.jenkins.plugins.gitops.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Desired objects as Git holds them (YAML) and live ones as the API server sends them (JSON). */
final class Trees {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Trees() {}

    static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource next to this class: {@code .yaml} as Git holds it, {@code .json} as the API server sends it. */
    static Map<String, Object> resource(String name) {
        try (InputStream in = Trees.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return name.endsWith(".json") ? json(text) : yaml(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value a pointer names in a parsed tree, creating nothing: the parents must exist. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> tree, String pointer, Object value) {
        List<String> segments = JsonPointer.parse(pointer).segments();
        Object node = tree;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(segment)) : ((Map<String, Object>) node).get(segment);
        }
        String last = segments.get(segments.size() - 1);
        if (node instanceof List<?> list) {
            ((List<Object>) list).set(Integer.parseInt(last), value);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
    }
}
