package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system shell around {@link ImageSplicer}; edits themselves are covered by the edit corpus. */
class ImageUpdaterTest {

    private static final String POD = "kind: Pod\nspec:\n  containers:\n    - image: acme/web:1.0\n";

    @TempDir
    Path dir;

    private static List<ImageReference> images(String... references) {
        return java.util.Arrays.stream(references).map(ImageReference::parse).toList();
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void reportsChangedFilesSortedWithForwardSlashesAndTheLinesPerImage() throws IOException {
        write("b/pod.yaml", POD);
        write("a/values.yml", "image:\n  repository: acme/api\n  tag: v1\n");
        write("a/pod.json", "{\"image\": \"acme/web:1.0\"}");
        write("c/unrelated.yaml", "image: acme/other:1.0\n");

        ImageUpdate update = ImageUpdater.update(dir, images("acme/web:1.1", "acme/api:v2"));

        assertThat(update.changedFiles()).containsExactly("a/pod.json", "a/values.yml", "b/pod.yaml");
        assertThat(update.changes()).containsExactly(
                Map.entry(ImageReference.parse("acme/web:1.1"),
                        List.of(new SourceLocation("a/pod.json", 1), new SourceLocation("b/pod.yaml", 4))),
                Map.entry(ImageReference.parse("acme/api:v2"), List.of(new SourceLocation("a/values.yml", 2))));
        assertThat(dir.resolve("a/pod.json")).hasContent("{\"image\": \"acme/web:1.1\"}");
    }

    @Test
    void skipsHiddenFilesChartTemplatesAndSymbolicLinks(@TempDir Path outside) throws IOException {
        write("pod.yaml", POD);
        write(".git/pod.yaml", POD);
        write(".github/workflows/build.yml", "jobs: {build: {container: {image: acme/web:1.0}}}\n");
        write(".pod.yaml", POD);
        write("chart/Chart.yaml", "name: web\n");
        write("chart/templates/deployment.yaml", "{{- if true }}\nimage: acme/web:1.0\n{{- end }}\n");
        write("chart/values.yaml", "image: acme/web:1.0\n");
        write("templates/not-a-chart.yaml", POD);
        Path target = Files.writeString(outside.resolve("pod.yaml"), POD);
        Files.createSymbolicLink(dir.resolve("link.yaml"), target);

        ImageUpdate update = ImageUpdater.update(dir, images("acme/web:1.1"));

        assertThat(update.changedFiles()).containsExactly("chart/values.yaml", "pod.yaml", "templates/not-a-chart.yaml");
        assertThat(dir.resolve(".git/pod.yaml")).hasContent(POD);
        assertThat(dir.resolve(".pod.yaml")).hasContent(POD);
        assertThat(dir.resolve(".github/workflows/build.yml")).content().contains("acme/web:1.0");
        assertThat(dir.resolve("chart/templates/deployment.yaml")).content().contains("acme/web:1.0");
        assertThat(target).hasContent(POD);
    }

    @Test
    void writesNothingWhenAnyFileCannotBeEdited() throws IOException {
        write("a.yaml", POD);
        write("b.yaml", "image: acme/web:1.0\n  oops: [\n");

        assertThatThrownBy(() -> ImageUpdater.update(dir, images("acme/web:1.1")))
                .isInstanceOf(ImageEditException.class)
                .hasMessageStartingWith("b.yaml:2: not valid YAML: ");
        assertThat(dir.resolve("a.yaml")).hasContent(POD);
    }

    @Test
    void namesAFileThatIsNotUtf8() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ImageUpdater.update(dir, images("acme/web:1.1")))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("latin1.yaml: not UTF-8 text");
    }

    @Test
    void namesEveryImageThatMatchesNothingAndTheDirectory() throws IOException {
        write("pod.yaml", POD);
        assertThatThrownBy(() -> ImageUpdater.update(dir, images("acme/web:1.1", "acme/api:2", "acme/db:3")))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("'acme/api:2', 'acme/db:3' match no image field, kustomization image or Helm image values under '"
                        + dir + "'");
        assertThat(dir.resolve("pod.yaml")).hasContent(POD);
    }

    @Test
    void refusesAMissingDirectory() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImageUpdater.update(missing, images("acme/web:1.1")))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("directory '" + missing + "' does not exist");
    }
}
