package io.jenkins.plugins.gitops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's config repository content: a web application as a kustomize base (Deployment, Service,
 * ConfigMap, Secret) and a {@code staging} overlay that puts it in its own namespace and pins the image
 * tag, which promotions change.
 */
final class SampleApplication {

    private static final String RESOURCES = "/io/jenkins/plugins/gitops/demo/sample/";
    private static final List<String> FILES = List.of(
            "README.md",
            "apps/web/base/kustomization.yaml",
            "apps/web/base/deployment.yaml",
            "apps/web/base/service.yaml",
            "apps/web/base/configmap.yaml",
            "apps/web/base/secret.yaml",
            "apps/web/overlays/staging/kustomization.yaml",
            "apps/web/overlays/staging/namespace.yaml");

    private SampleApplication() {}

    /** Writes the files under {@code directory} and returns it. */
    static Path writeTo(Path directory) throws IOException {
        for (String file : FILES) {
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream content = SampleApplication.class.getResourceAsStream(RESOURCES + file)) {
                if (content == null) {
                    throw new IOException("the sample application's " + file + " is missing from this build");
                }
                Files.copy(content, target);
            }
        }
        return directory;
    }
}
