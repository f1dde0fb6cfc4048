package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A promotion into a chart whose image is written only into its templates says so, naming them. */
class ChartTemplateImagesTest {

    private static final String TEMPLATE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: "registry.example.com/shop/web:1.0.0"
                  - name: proxy
                    image: {{ .Values.proxy.image }}
            """;

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void anImageOnlyInLiteralTemplateLinesIsRefusedNamingTheTemplates() throws IOException {
        write("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("web/values.yaml", "proxy:\n  image: registry.example.com/shop/proxy:2.0\n");
        write("web/templates/deployment.yaml", TEMPLATE);
        write("web/charts/worker/Chart.yaml", "apiVersion: v2\nname: worker\nversion: 0.1.0\n");
        write("web/charts/worker/templates/job.yaml", "spec:\n  containers:\n  - image: registry.example.com/shop/web:0.9\n");

        assertThatThrownBy(() -> ImageUpdater.update(dir, List.of(ImageReference.parse("registry.example.com/shop/web:1.4.2"))))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("'registry.example.com/shop/web:1.4.2' appears only in literal image: lines of Helm chart templates"
                        + " (web/charts/worker/templates/job.yaml:3, web/templates/deployment.yaml:10), which promotion does not edit:"
                        + " take the image from the chart's values (image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\")"
                        + " and set it in a values file");
        assertThat(dir.resolve("web/templates/deployment.yaml")).hasContent(TEMPLATE);
    }

    @Test
    void theTemplatesAreNamedByTheirPathInTheRepositoryNotTheCheckout() throws IOException {
        write("apps/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("apps/web/templates/deployment.yaml", TEMPLATE);

        assertThatThrownBy(() -> ImageUpdater.update(dir.resolve("apps"), "apps",
                        List.of(ImageReference.parse("registry.example.com/shop/web:1.4.2"))))
                .isInstanceOf(ImageEditException.class)
                .hasMessageContaining("Helm chart templates (apps/web/templates/deployment.yaml:10),")
                .hasMessageNotContaining(dir.toString());
    }

    @Test
    void anImageTheValuesAlsoNameIsEditedThereAndTheTemplatesAreLeftAlone() throws IOException {
        write("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("web/values.yaml", "proxy:\n  image: registry.example.com/shop/proxy:2.0\n");
        write("web/templates/deployment.yaml", TEMPLATE);

        ImageUpdate update = ImageUpdater.update(dir, List.of(ImageReference.parse("registry.example.com/shop/proxy:2.1")));

        assertThat(update.changedFiles()).containsExactly("web/values.yaml");
        assertThat(dir.resolve("web/templates/deployment.yaml")).hasContent(TEMPLATE);
    }
}
