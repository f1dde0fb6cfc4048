package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Runs every case of {@code src/test/resources/edit-corpus} (its README says how a case is written). */
class ImageEditCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/edit-corpus");

    /** Characters a tag, a digest or the quotes around them are written with. */
    private static final String VERSION = "[A-Za-z0-9_.:@+=\"'-]*";
    private static final Pattern CHANGED_IN_LINE = Pattern.compile(VERSION);
    private static final Pattern ADDED_IN_LINE = Pattern.compile(VERSION + "(, (newTag|digest): " + VERSION + ")*");
    private static final Pattern ADDED_LINE = Pattern.compile(" *(newTag|digest): " + VERSION + "\r?\n?");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> entries = Files.list(CORPUS)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void corpusHasAtLeastTwentyFiveCases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promotionChangesOnlyTagAndDigestBytes(String name, @TempDir Path work) throws IOException {
        Path source = CORPUS.resolve(name);
        List<ImageReference> images = Files.readAllLines(source.resolve("images.txt")).stream()
                .filter(line -> !line.isBlank())
                .map(ImageReference::parse)
                .toList();
        Path dir = work.resolve("config");
        copyTree(source.resolve("input"), dir);
        Map<String, String> input = texts(dir);

        Path error = source.resolve("error.txt");
        if (Files.exists(error)) {
            String message = Files.readString(error).strip().replace("${dir}", dir.toString());
            assertThatThrownBy(() -> ImageUpdater.update(dir, images))
                    .isInstanceOf(ImageEditException.class)
                    .hasMessage(message);
            assertThat(texts(dir)).as("nothing written").isEqualTo(input);
            return;
        }

        ImageUpdate update = ImageUpdater.update(dir, images);

        Map<String, String> expected = texts(source.resolve("expected"));
        Map<String, String> output = texts(dir);
        List<String> differing = expected.keySet().stream().filter(file -> !expected.get(file).equals(input.get(file))).toList();
        for (String file : differing) {
            assertOnlyVersionBytesDiffer(file, input.get(file), expected.get(file));
            assertSameExceptVersions(file, parse(file, input.get(file)), parse(file, expected.get(file)), images);
        }
        assertThat(output).isEqualTo(expected);
        for (String file : differing) {
            assertThat(parse(file, output.get(file))).as(file).isEqualTo(parse(file, expected.get(file)));
        }
        assertThat(update.changedFiles()).isEqualTo(differing);
        assertThat(update.changed()).isEqualTo(!differing.isEmpty());
        assertThat(update.changes().keySet()).containsExactlyElementsOf(images);
        update.changes().forEach((image, locations) -> locations.forEach(location -> {
            assertThat(differing).contains(location.file());
            String line = input.get(location.file()).lines().toList().get(location.line() - 1);
            assertThat(line).as("%s names the repository of %s", location, image).contains(lastPathComponent(image));
        }));

        ImageUpdate again = ImageUpdater.update(dir, images);
        assertThat(again.changed()).as("promoting again is a no-op").isFalse();
        assertThat(again.changes().values()).allSatisfy(locations -> assertThat(locations).isEmpty());
        assertThat(texts(dir)).isEqualTo(expected);
    }

    /**
     * The expected output may differ from the input only in tag and digest bytes (and added newTag/digest
     * keys): lines are aligned by their longest common subsequence, and each changed line may differ only there.
     */
    private static void assertOnlyVersionBytesDiffer(String file, String before, String after) {
        List<String> a = linesWithEnds(before);
        List<String> b = linesWithEnds(after);
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                checkHunk(file, removed, added);
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                added.add(b.get(j++));
            } else {
                removed.add(a.get(i++));
            }
        }
        checkHunk(file, removed, added);
    }

    private static void checkHunk(String file, List<String> removed, List<String> added) {
        if (removed.isEmpty()) {
            added.forEach(line -> assertThat(line).as("%s: added line", file).matches(ADDED_LINE));
        } else if (removed.size() == added.size()) {
            for (int k = 0; k < removed.size(); k++) {
                String old = removed.get(k);
                String neu = added.get(k);
                int prefix = 0;
                while (prefix < Math.min(old.length(), neu.length()) && old.charAt(prefix) == neu.charAt(prefix)) {
                    prefix++;
                }
                int suffix = 0;
                while (suffix < Math.min(old.length(), neu.length()) - prefix
                        && old.charAt(old.length() - 1 - suffix) == neu.charAt(neu.length() - 1 - suffix)) {
                    suffix++;
                }
                String was = old.substring(prefix, old.length() - suffix);
                String is = neu.substring(prefix, neu.length() - suffix);
                assertThat(was).as("%s: bytes removed from %s", file, old).matches(CHANGED_IN_LINE);
                assertThat(is).as("%s: bytes written into %s", file, neu).matches(ADDED_IN_LINE);
            }
        } else {
            fail("%s: lines %s were replaced by %s", file, removed, added);
        }
        removed.clear();
        added.clear();
    }

    /** Both parse to the same objects except at strings now holding a requested tag or digest, or emptied. */
    private static void assertSameExceptVersions(String where, Object before, Object after, List<ImageReference> images) {
        if (before instanceof Map<?, ?> was && after instanceof Map<?, ?> is) {
            assertThat(was.keySet()).as(where).allMatch(is::containsKey);
            for (Object key : is.keySet()) {
                if (was.containsKey(key)) {
                    assertSameExceptVersions(where + "/" + key, was.get(key), is.get(key), images);
                } else {
                    assertThat(key).as(where + ": added key").isIn("newTag", "digest");
                    assertHoldsRequestedVersion(where + "/" + key, is.get(key), images);
                }
            }
        } else if (before instanceof List<?> was && after instanceof List<?> is) {
            assertThat(is).as(where).hasSameSizeAs(was);
            for (int k = 0; k < was.size(); k++) {
                assertSameExceptVersions(where + "/" + k, was.get(k), is.get(k), images);
            }
        } else if (!Objects.equals(before, after)) {
            assertHoldsRequestedVersion(where, after, images);
            if (before instanceof String text && text.contains("/")) {
                assertThat(ImageReference.parse((String) after).name()).as(where + ": spelling kept").isEqualTo(ImageReference.parse(text).name());
            }
        }
    }

    private static void assertHoldsRequestedVersion(String where, Object value, List<ImageReference> images) {
        assertThat(value).as(where).isInstanceOf(String.class);
        String text = (String) value;
        assertThat(text.isEmpty() || images.stream().anyMatch(image -> image.hasTag() && text.contains(image.tag())
                        || image.hasDigest() && text.contains(image.digest())))
                .as("%s = '%s' holds a requested tag or digest", where, text)
                .isTrue();
    }

    private static Object parse(String file, String text) {
        try {
            if (file.endsWith(".json")) {
                return new ObjectMapper().readValue(text.replace("\uFEFF", ""), Object.class);
            }
            List<Object> documents = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> linesWithEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                lines.add(text.substring(start, k + 1));
                start = k + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String lastPathComponent(ImageReference image) {
        return image.path().substring(image.path().lastIndexOf('/') + 1);
    }

    private static Map<String, String> texts(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, String> texts = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                texts.put(relative, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            return texts;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
