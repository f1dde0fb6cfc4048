package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes revision directories for tests and renders them. */
final class Revisions {

    private Revisions() {}

    static Path write(Path root, String file, String text) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            return Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderResult render(Path directory) {
        return render(directory, RevisionPolicy.OPEN, Kustomize.KUBECTL);
    }

    static RenderResult render(Path directory, RevisionPolicy policy, Kustomize kustomize) {
        try {
            return new RevisionRenderer(policy, kustomize).render(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<ManifestObject> objects(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).objects();
    }

    /** The warnings of a rendered revision as printed, {@code file:line: message}. */
    static List<String> warnings(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).warnings().stream().map(Problem::toString).toList();
    }

    /** The problems as printed, {@code file:line: message}. */
    static List<String> problems(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Refused.class);
        return ((RenderResult.Refused) result).problems().stream().map(Problem::toString).toList();
    }

    static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  key: value
                """.formatted(name);
    }
}
