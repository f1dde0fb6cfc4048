package io.jenkins.plugins.gitops.manifest;

import static io.jenkins.plugins.gitops.manifest.Revisions.configMap;
import static io.jenkins.plugins.gitops.manifest.Revisions.objects;
import static io.jenkins.plugins.gitops.manifest.Revisions.render;
import static io.jenkins.plugins.gitops.manifest.Revisions.warnings;
import static io.jenkins.plugins.gitops.manifest.Revisions.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good revisions render to their objects, each with where it was written. */
class RevisionRendererTest {

    @TempDir
    Path dir;

    @Test
    void rendersAPlainDirectoryWithSources() {
        write(dir, "web.yaml", """
                # the web front end
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  labels: {app.kubernetes.io/name: web}
                spec:
                  replicas: 2
                """);

        List<ManifestObject> objects = objects(render(dir));

        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.id()).isEqualTo(new ResourceId("apps", "Deployment", "shop", "web"));
            assertThat(object.apiVersion()).isEqualTo("apps/v1");
            assertThat(object.source()).hasToString("web.yaml:2");
            assertThat(object.content()).containsEntry("spec", Map.of("replicas", 2));
        });
    }

    @Test
    void rendersNestedDirectoriesInPathOrderSkippingHiddenOnesAndOtherFiles() {
        write(dir, "b.yaml", configMap("b"));
        write(dir, "apps/web/z.yml", configMap("z"));
        write(dir, "apps/a.yaml", configMap("a"));
        write(dir, ".git/config.yaml", "not: [valid");
        write(dir, ".github/workflows/ci.yaml", "on: push\n");
        write(dir, "apps/.draft.yaml", "kind: nothing\n");
        write(dir, "README.md", "# docs\n");

        List<ManifestObject> objects = objects(render(dir));

        assertThat(objects).extracting(object -> object.source().toString())
                .containsExactly("apps/a.yaml:1", "apps/web/z.yml:1", "b.yaml:1");
    }

    @Test
    void rendersTheSameOrderEveryTime() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
            write(dir, name + "/objects.yaml", configMap(name + "-1") + "---\n" + configMap(name + "-2"));
        }

        List<ResourceId> first = objects(render(dir)).stream().map(ManifestObject::id).toList();

        assertThat(first).extracting(ResourceId::name).startsWith("alpha-1", "alpha-2", "bravo-1");
        for (int run = 0; run < 3; run++) {
            assertThat(objects(render(dir)).stream().map(ManifestObject::id).toList()).isEqualTo(first);
        }
    }

    @Test
    void rendersEveryDocumentOfAStreamWithItsLine() {
        write(dir, "all.yaml", "---\n" + configMap("one") + "---\n# nothing here\n---\n\n" + configMap("two") + "...\n");

        List<ManifestObject> objects = objects(render(dir));

        assertThat(objects).extracting(object -> object.id().name() + "@" + object.source())
                .containsExactly("one@all.yaml:2", "two@all.yaml:12");
    }

    @Test
    void rendersJsonFilesEvenIndentedWithTabs() {
        write(dir, "web.json", "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Service\",\n\t\"metadata\": {\"name\": \"web\", \"namespace\": \"shop\"},\n"
                + "\t\"spec\": {\"ports\": [{\"port\": 80}]}\n}\n");

        assertThat(objects(render(dir))).singleElement().satisfies(object -> {
            assertThat(object.id()).hasToString("Service/shop/web");
            assertThat(object.source()).hasToString("web.json:1");
            assertThat(object.content()).containsEntry("spec", Map.of("ports", List.of(Map.of("port", 80))));
        });
    }

    @Test
    void expandsListsIntoTheirItems() {
        write(dir, "list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: one}
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: two}
                ---
                apiVersion: v1
                kind: ConfigMapList
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: three}
                """);

        assertThat(objects(render(dir))).extracting(object -> object.id().name() + "@" + object.source())
                .containsExactly("one@list.yaml:4", "two@list.yaml:7", "three@list.yaml:14");
    }

    @Test
    void keepsValuesAsKubernetesReadsThem() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  annotations:
                    released: 2024-05-01
                base: &base
                  replicas: 2
                  paused: false
                derived:
                  <<: *base
                  replicas: 3
                data:
                  version: "1.10"
                  empty: ""
                """);

        Map<String, Object> content = objects(render(dir)).get(0).content();

        assertThat(content.get("metadata")).isEqualTo(Map.of("name", "web", "annotations", Map.of("released", "2024-05-01")));
        assertThat(content.get("derived")).isEqualTo(Map.of("replicas", 3, "paused", false));
        assertThat(content.get("data")).isEqualTo(Map.of("version", "1.10", "empty", ""));
    }

    @Test
    void acceptsRbacNamesWithColonsAndObjectsWithinTheAllowedNamespaces() {
        write(dir, "rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: "system:aggregate-to-shop"
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                data:
                  password: aHVudGVyMg==
                """);

        RevisionPolicy policy = new RevisionPolicy(Set.of("shop"), Set.of("ClusterRoleBinding"));

        assertThat(objects(render(dir, policy, Kustomize.KUBECTL))).extracting(object -> object.id().toString())
                .containsExactly("rbac.authorization.k8s.io/ClusterRole/system:aggregate-to-shop", "Namespace/shop", "Secret/shop/db");
    }

    @Test
    void rendersAnEmptyDirectoryToNoObjectsWithAWarning() {
        write(dir, "main.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap' }\n");

        RenderResult result = render(dir);

        assertThat(objects(result)).isEmpty();
        assertThat(warnings(result)).containsExactly("renders no objects: only *.yaml, *.yml and *.json files and"
                + " kustomizations are read (is this the right directory?)");
    }

    @Test
    void buildsFluxStyleSubDirectoriesWithTheirOwnKustomizationBesidePlainManifests() {
        write(dir, "namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        write(dir, "apps/web/kustomization.yaml", "namespace: shop\nnamePrefix: prod-\nresources: [config.yaml]\n");
        write(dir, "apps/web/config.yaml", configMap("web"));
        write(dir, "apps/web/unlisted.yaml", configMap("not-in-the-kustomization"));
        write(dir, "apps/worker/config.yaml", configMap("worker"));

        List<ManifestObject> objects = objects(render(dir));

        assertThat(objects).extracting(object -> object.id() + " from " + object.source()).containsExactlyInAnyOrder(
                "Namespace/shop from namespace.yaml:1",
                "ConfigMap/worker from apps/worker/config.yaml:1",
                "ConfigMap/shop/prod-web from apps/web/kustomization.yaml");
    }

    @Test
    void leavesTheNamespaceOutOfClusterScopedObjectsWithAWarningAsKubectlDoes() {
        write(dir, "rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: reader
                  namespace: shop
                rules: []
                """);
        write(dir, "crd.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: gateways.example.com
                spec:
                  group: example.com
                  scope: Cluster
                  names: {kind: Gateway, plural: gateways}
                  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
                ---
                apiVersion: example.com/v1
                kind: Gateway
                metadata: {name: edge, namespace: shop}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: shop}
                """);

        RenderResult result = render(dir);

        assertThat(objects(result)).extracting(object -> object.id().toString()).containsExactly(
                "apiextensions.k8s.io/CustomResourceDefinition/gateways.example.com", "example.com/Gateway/edge",
                "ConfigMap/shop/web", "rbac.authorization.k8s.io/ClusterRole/reader");
        assertThat(objects(result).get(3).content().get("metadata")).isEqualTo(Map.of("name", "reader"));
        assertThat(warnings(result)).containsExactly(
                "crd.yaml:11: example.com/Gateway/edge: left out metadata.namespace 'shop': Gateway is cluster-scoped",
                "rbac.yaml:1: rbac.authorization.k8s.io/ClusterRole/reader: left out metadata.namespace 'shop':"
                        + " ClusterRole is cluster-scoped");
    }

    @Test
    void skipsObjectsWithAGeneratedNameWithAWarning() {
        write(dir, "hooks.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  annotations: {argocd.argoproj.io/hook: PreSync}
                spec: {}
                ---
                """ + configMap("web"));

        RenderResult result = render(dir);

        assertThat(objects(result)).extracting(object -> object.id().toString()).containsExactly("ConfigMap/web");
        assertThat(warnings(result)).containsExactly("hooks.yaml:1: Job with metadata.generateName 'migrate-' skipped:"
                + " an object without a fixed name cannot be applied declaratively");
    }

    @Test
    void buildsAKustomizeOverlayWithAnImageOverrideAndANamespace() {
        write(dir, "base/kustomization.yaml", "resources:\n- deployment.yaml\n- service.yaml\n");
        write(dir, "base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: registry.example.com/shop/web:1.0.0
                """);
        write(dir, "base/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector: {app: web}
                  ports: [{port: 80}]
                """);
        write(dir, "overlays/prod/kustomization.yml", """
                namespace: shop
                resources:
                - ../../base
                images:
                - name: registry.example.com/shop/web
                  newTag: 1.4.2
                """);

        List<ManifestObject> objects = objects(render(dir.resolve("overlays/prod"), new RevisionPolicy(Set.of("shop"), Set.of()), Kustomize.KUBECTL));

        assertThat(objects).extracting(object -> object.id().toString()).containsExactlyInAnyOrder("apps/Deployment/shop/web", "Service/shop/web");
        assertThat(objects).extracting(object -> object.source().toString()).containsOnly("kustomization.yml");
        ManifestObject deployment = objects.stream().filter(object -> object.id().kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(deployment.content().toString()).contains("image=registry.example.com/shop/web:1.4.2");
    }
}
