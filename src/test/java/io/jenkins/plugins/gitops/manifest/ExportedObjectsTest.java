package io.jenkins.plugins.gitops.manifest;

import static io.jenkins.plugins.gitops.manifest.Revisions.configMap;
import static io.jenkins.plugins.gitops.manifest.Revisions.objects;
import static io.jenkins.plugins.gitops.manifest.Revisions.render;
import static io.jenkins.plugins.gitops.manifest.Revisions.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects exported from a cluster render without the fields the server owns, with one warning each. */
class ExportedObjectsTest {

    private static final String EXPORTED = """
            # exported with kubectl get deployment web -o yaml --show-managed-fields
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                deployment.kubernetes.io/revision: "1"
              creationTimestamp: "2026-12-07T02:05:42Z"
              generation: 1
              labels: {app: web}
              managedFields:
              - apiVersion: apps/v1
                fieldsType: FieldsV1
                fieldsV1: {f:spec: {f:replicas: {}}}
                manager: kubectl-create
                operation: Update
              name: web
              namespace: shop
              resourceVersion: "311"
              selfLink: /apis/apps/v1/namespaces/shop/deployments/web
              uid: 9dde4775-7573-46c5-9432-b1a91c902883
            spec:
              replicas: 1
            status:
              availableReplicas: 1
              observedGeneration: 1
            """;

    @TempDir
    Path dir;

    @Test
    void leavesOutTheFieldsTheServerOwnsAndKeepsEverythingElse() {
        write(dir, "apps/web.yaml", EXPORTED);

        ManifestObject web = objects(render(dir)).get(0);

        assertThat(web.content()).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
        assertThat(web.content().get("metadata")).isEqualTo(Map.of(
                "annotations", Map.of("deployment.kubernetes.io/revision", "1"),
                "labels", Map.of("app", "web"),
                "name", "web",
                "namespace", "shop"));
        assertThat(web.content()).containsEntry("spec", Map.of("replicas", 1));
        assertThat(web.source()).hasToString("apps/web.yaml:2");
    }

    @Test
    void warnsOncePerObjectNamingItsFileLineAndWhatWasLeftOutInWrittenOrder() {
        write(dir, "apps/web.yaml", EXPORTED + "---\n" + EXPORTED.replace("name: web", "name: api"));

        assertThat(warnings(render(dir))).containsExactly(
                "apps/web.yaml:2: apps/Deployment/shop/web: left out metadata.creationTimestamp, metadata.generation,"
                        + " metadata.managedFields, metadata.resourceVersion, metadata.selfLink, metadata.uid, status"
                        + " (fields the server owns)",
                "apps/web.yaml:28: apps/Deployment/shop/api: left out metadata.creationTimestamp, metadata.generation,"
                        + " metadata.managedFields, metadata.resourceVersion, metadata.selfLink, metadata.uid, status"
                        + " (fields the server owns)");
    }

    @Test
    void aDryRunSkeletonsEmptyServerFieldsAreLeftOutWithoutAWarning() {
        write(dir, "web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  creationTimestamp: null
                  name: web
                spec:
                  replicas: 1
                status: {}
                """);

        RenderResult result = render(dir);

        assertThat(warnings(result)).isEmpty();
        assertThat(objects(result).get(0).content()).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
        assertThat(objects(result).get(0).content().get("metadata")).isEqualTo(Map.of("name", "web"));
    }

    @Test
    void objectsWrittenByHandRenderUnchangedAndWithoutWarnings() {
        write(dir, "cm.yaml", configMap("settings"));

        RenderResult result = render(dir);

        assertThat(warnings(result)).isEmpty();
        assertThat(objects(result).get(0).content()).isEqualTo(Map.of(
                "apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "settings"), "data", Map.of("key", "value")));
    }

    @Test
    void anExportedListWarnsForEachItemAtItsLine() {
        write(dir, "all.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: a, uid: 1b2c, resourceVersion: "7"}
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: b}
                """);

        assertThat(warnings(render(dir)))
                .containsExactly("all.yaml:4: ConfigMap/a: left out metadata.uid, metadata.resourceVersion (fields the server owns)");
    }

    private static List<String> warnings(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).warnings().stream().map(Problem::toString).toList();
    }
}
