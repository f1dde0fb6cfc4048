package io.jenkins.plugins.gitops.environment;

/** Quotes what a person typed for a one-line message: control characters cannot break the line. */
final class Text {

    private static final int MAX_QUOTED = 80;

    private Text() {}

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        value.codePoints().limit(MAX_QUOTED).forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (value.codePointCount(0, value.length()) > MAX_QUOTED) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }
}
