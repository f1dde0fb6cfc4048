package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kustomize (kubectl's) reads the kustomization entries the updater sets, adds and clears as intended. */
class ImageUpdaterKustomizeTest {

    private static final String DIGEST = "sha256:" + "2".repeat(64);

    @TempDir
    Path dir;

    @Test
    void kustomizeRendersThePromotedImages() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - {name: web, image: acme/web:1.0}
                        - {name: api, image: acme/api:1.0}
                        - {name: db, image: acme/db:1.0}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [deployment.yaml]
                images:
                  # a stale digest would win over a new tag
                  - name: acme/web
                    newTag: v1.5
                    digest: sha256:%s
                  - {name: acme/api, newTag: "1.4"}
                  - name: acme/db
                    newName: registry.example.com/acme/db
                """.formatted("1".repeat(64)));

        ImageUpdater.update(dir, List.of(ImageReference.parse("acme/web:1.6"),
                ImageReference.parse("acme/api:1.5@" + DIGEST), ImageReference.parse("registry.example.com/acme/db:2.0")));

        assertThat(kustomize(dir)).contains(
                "image: acme/web:1.6\n",
                "image: acme/api:1.5@" + DIGEST + "\n",
                "image: registry.example.com/acme/db:2.0\n");
        // The rename keeps taking its tag from the deployment, which now carries it; no newTag pins other images.
        assertThat(Files.readString(dir.resolve("kustomization.yaml")))
                .contains("  - name: acme/db\n    newName: registry.example.com/acme/db\n").doesNotContain("2.0");
        assertThat(Files.readString(dir.resolve("deployment.yaml"))).contains("image: acme/db:2.0}");
    }

    @Test
    void aRenameWhoseImagesLieOutsideThePathGetsTheTagAndATagSuffixEntryIsLeftAlone() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - {name: web, image: acme/web:1.0}
                        - {name: debug, image: acme/tools:1.0}
                """);
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [deployment.yaml]\n");
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        String suffixEntry = "  - name: acme/tools\n    tagSuffix: -debug\n";
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../base]
                images:
                  - name: acme/web
                    newName: registry.example.com/acme/web
                """ + suffixEntry);

        ImageUpdater.update(overlay, List.of(ImageReference.parse("registry.example.com/acme/web:2.0")));

        assertThat(kustomize(overlay)).contains("image: registry.example.com/acme/web:2.0\n", "image: acme/tools:1.0-debug");
        assertThat(Files.readString(overlay.resolve("kustomization.yaml"))).contains("    newTag: \"2.0\"\n", suffixEntry);
    }

    private static String kustomize(Path dir) throws IOException, InterruptedException {
        if (System.getenv("CI") == null) {
            boolean onPath = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(directory -> Files.isExecutable(Path.of(directory, "kubectl")));
            assumeTrue(onPath, "kubectl is not on PATH");
        }
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
