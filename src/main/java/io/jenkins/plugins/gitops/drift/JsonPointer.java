package io.jenkins.plugins.gitops.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON pointer ({@code /metadata/annotations/example.com~1owner}), kept as its unescaped
 * segments. Pointers order segment by segment, array indices numerically, so {@code /containers/2}
 * comes before {@code /containers/10}.
 *
 * @param segments the unescaped reference tokens, empty for the whole document
 */
public record JsonPointer(List<String> segments) implements Comparable<JsonPointer> {

    /** The whole document, written {@code ""}. */
    public static final JsonPointer ROOT = new JsonPointer(List.of());

    public JsonPointer {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a pointer as RFC 6901 writes it: {@code ~1} for {@code /} and {@code ~0} for {@code ~}.
     *
     * @throws IllegalArgumentException naming the pointer when it does not start with {@code /} or has a
     *     {@code ~} not followed by {@code 0} or {@code 1}
     */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer '" + text + "' must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String token : text.substring(1).split("/", -1)) {
            segments.add(unescape(token, text));
        }
        return new JsonPointer(segments);
    }

    /** Builds a pointer from unescaped segments, for example {@code of("metadata", "labels", "app")}. */
    public static JsonPointer of(String... segments) {
        return new JsonPointer(List.of(segments));
    }

    public JsonPointer child(String segment) {
        List<String> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(segment);
        return new JsonPointer(longer);
    }

    public JsonPointer child(int index) {
        return child(Integer.toString(index));
    }

    /** Whether this pointer is {@code other} or one of its ancestors. */
    public boolean isPrefixOf(JsonPointer other) {
        return other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    public int size() {
        return segments.size();
    }

    @Override
    public int compareTo(JsonPointer other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int order = compareSegments(segments.get(i), other.segments.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String segment : segments) {
            text.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }

    private static String unescape(String token, String pointer) {
        for (int i = token.indexOf('~'); i >= 0; i = token.indexOf('~', i + 1)) {
            if (i + 1 >= token.length() || (token.charAt(i + 1) != '0' && token.charAt(i + 1) != '1')) {
                throw new IllegalArgumentException(
                        "JSON pointer '" + pointer + "' has '~' not followed by 0 or 1 (write ~0 for '~', ~1 for '/')");
            }
        }
        // RFC 6901 section 4: ~1 first, so that "~01" becomes "~1" and not "/".
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static int compareSegments(String left, String right) {
        boolean leftIndex = isIndex(left);
        boolean rightIndex = isIndex(right);
        if (leftIndex && rightIndex) {
            return left.length() != right.length()
                    ? Integer.compare(left.length(), right.length())
                    : left.compareTo(right);
        }
        return left.compareTo(right);
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
