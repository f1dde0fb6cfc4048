package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two sides a diff shows differ exactly where the detector found drift, and hold no secret value. */
class DriftSidesTest {

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    private static ManifestObject object(String apiVersion, String kind, String name, Map<String, Object> content) {
        return new ManifestObject(ResourceId.of(apiVersion, kind, "shop", name), apiVersion, content, new SourceLocation("app.yaml", 1));
    }

    @Test
    void onlyTheDriftedFieldsDifferAndWhatTheServerRewroteShowsAsGitHasIt() {
        ManifestObject web = object("apps/v1", "Deployment", "web", yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - {name: web, image: web:1, resources: {requests: {cpu: 0.5}}}
                      - {name: sidecar, image: proxy:1}
                """));
        Map<String, Object> live = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop", "uid": "u"},
                 "spec": {"replicas": 5, "template": {"spec": {"containers": [
                   {"name": "web", "image": "web:1", "resources": {"requests": {"cpu": "500m"}}}]}}}}
                """);

        DriftSides sides = DriftSides.of(web, detector.compare(web, live));

        assertThat(sides.git()).isEqualTo(web.content());
        Map<String, Object> expected = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 5
                  template:
                    spec:
                      containers:
                      - {name: web, image: web:1, resources: {requests: {cpu: 0.5}}}
                """);
        assertThat(sides.live()).isEqualTo(expected);
    }

    @Test
    void aSecretShowsItsStringDataAsDataWithEveryValueMasked() {
        String planted = "planted-Pa55word";
        ManifestObject secret = object("v1", "Secret", "db", yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                stringData: {password: %s, user: admin}
                """.formatted(planted)));
        Map<String, Object> live = json("""
                {"metadata": {"name": "db", "namespace": "shop"}, "data": {"password": "%s", "user": "%s"}}
                """.formatted(base64("edited"), base64("admin")));

        DriftSides sides = DriftSides.of(secret, detector.compare(secret, live));

        assertThat(sides.git().get("data")).isEqualTo(Map.of("password", SecretMask.BEFORE, "user", SecretMask.MASK));
        assertThat(sides.live().get("data")).isEqualTo(Map.of("password", SecretMask.AFTER, "user", SecretMask.MASK));
        assertThat(sides.git()).doesNotContainKey("stringData");
        assertThat(sides.toString()).doesNotContain(planted, base64(planted), "edited", base64("edited"), "admin");
    }

    @Test
    void aMissingObjectHasNoLiveSide() {
        ManifestObject settings = object("v1", "ConfigMap", "settings", yaml("{apiVersion: v1, kind: ConfigMap, data: {a: b}}"));

        DriftSides sides = DriftSides.of(settings, detector.compare(settings, null));

        assertThat(sides.live()).isNull();
        assertThat(sides.git()).isEqualTo(settings.content());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
