package io.jenkins.plugins.gitops.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the compile-only Jenkins API mirror (docs/building.md) to its two promises, textually: every file names
 * the upstream repository, path and tag it was copied from, and no file contains behaviour, only signatures
 * whose bodies throw {@link UnsupportedOperationException}.
 */
class JenkinsApiMirrorTest {

    private static final Path MIRROR = Path.of("src/jenkins-api/java");

    private static final Pattern HEADER = Pattern.compile(
            "\\A/\\*\n \\* Compile-only mirror of [^\n]+\n"
                    + " \\* Upstream: (?<repository>[\\w.-]+/[\\w.-]+), (?<path>\\S+\\.java), tag (?<tag>\\S+)\\.\n \\*/\n");

    /** A method or constructor body opens right after its parameter list or its throws clause. */
    private static final Pattern BODY_START = Pattern.compile("\\)\\s*(?:throws\\s+[\\w.]+(?:\\s*,\\s*[\\w.]+)*\\s*)?\\{");

    /** An initializer block opens where a declaration could start. */
    private static final Pattern INITIALIZER = Pattern.compile("[;{}]\\s*(?:static\\s*)?\\{");

    private static final Pattern FIELD_VALUE = Pattern.compile("(?<![=!<>])=(?!=)\\s*([^;]*);");

    private static final String ONLY_BODY = "throw new UnsupportedOperationException();";
    /**
     * A constructor whose mirrored superclass has no no-arg constructor must name one of its constructors, as
     * upstream does; passing its own parameters on is all it may do before throwing.
     */
    private static final Pattern DELEGATING_BODY = Pattern.compile(
            "super\\((?:\\w+(?:\\s*,\\s*\\w+)*)?\\);\\s*" + Pattern.quote(ONLY_BODY));

    @Test
    void everyFileNamesItsUpstreamRepositoryPathAndTag() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mirrorFiles()) {
            problems.addAll(headerProblems(file, Files.readString(file)));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void noFileHoldsBehaviour() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mirrorFiles()) {
            problems.addAll(bodyProblems(file, Files.readString(file)));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theChecksCatchWhatTheyAreFor() {
        Path file = MIRROR.resolve("hudson/Example.java");
        String bad = """
                /*
                 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
                 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/Other.java, tag jenkins-2.555.3.
                 */
                package hudson;

                public class Example {
                    public static final Object CACHE = new Object();

                    static {
                        System.out.println("loaded");
                    }

                    public String name() throws java.io.IOException {
                        return "name";
                    }
                }
                """;

        assertThat(headerProblems(file, bad)).containsExactly(
                file + ": upstream path core/src/main/java/hudson/Other.java does not end with hudson/Example.java");
        assertThat(bodyProblems(file, bad)).containsExactly(
                file + ": initializer block",
                file + ": body other than '" + ONLY_BODY + "': return \"\";",
                file + ": field value other than a literal: new Object()");
        assertThat(headerProblems(file, "package hudson;\n")).singleElement().asString().contains("no header");
    }

    private static List<Path> mirrorFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MIRROR)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
            assertThat(sources).isNotEmpty();
            return sources;
        }
    }

    private static List<String> headerProblems(Path file, String source) {
        Matcher header = HEADER.matcher(source);
        if (!header.find()) {
            return List.of(file + ": no header naming the upstream repository, path and tag");
        }
        String relative = MIRROR.relativize(file).toString().replace('\\', '/');
        return header.group("path").endsWith("/" + relative)
                ? List.of()
                : List.of(file + ": upstream path " + header.group("path") + " does not end with " + relative);
    }

    private static List<String> bodyProblems(Path file, String source) {
        String code = withoutCommentsAndStrings(source);
        List<String> problems = new ArrayList<>();
        if (INITIALIZER.matcher(code).find()) {
            problems.add(file + ": initializer block");
        }
        Matcher body = BODY_START.matcher(code);
        while (body.find()) {
            String content = code.substring(body.end(), closingBrace(code, body.end())).strip();
            if (!content.equals(ONLY_BODY) && !DELEGATING_BODY.matcher(content).matches()) {
                problems.add(file + ": body other than '" + ONLY_BODY + "': " + content.replaceAll("\\s+", " "));
            }
        }
        Matcher field = FIELD_VALUE.matcher(code);
        while (field.find()) {
            if (!field.group(1).strip().matches("null|true|false|-?[0-9][0-9_.]*[LlFfDd]?|\"\"")) {
                problems.add(file + ": field value other than a literal: " + field.group(1).strip());
            }
        }
        return problems;
    }

    private static int closingBrace(String code, int afterOpening) {
        int depth = 1;
        for (int i = afterOpening; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** Comments removed and string literals emptied, so that neither can hide or fake code. */
    private static String withoutCommentsAndStrings(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("'(?:\\\\.|[^'\\\\])'", "' '");
    }
}
