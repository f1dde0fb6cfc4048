package io.jenkins.plugins.gitops.manifest;

import static io.jenkins.plugins.gitops.manifest.Revisions.objects;
import static io.jenkins.plugins.gitops.manifest.Revisions.problems;
import static io.jenkins.plugins.gitops.manifest.Revisions.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.testing.HelmTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm charts of the repository render with real Helm, as the environment sets them up; or say why not. */
class HelmChartRendererTest {

    @TempDir
    Path dir;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
              namespace: {{ .Release.Namespace }}
              labels: {app: web}
            spec:
              replicas: {{ .Values.replicas }}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            """;

    /** A chart {@code web} whose Deployment takes its replicas and image from the values. */
    static Path chart(Path root) {
        write(root, "Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write(root, "values.yaml", "replicas: 1\nimage:\n  repository: registry.example.com/shop/web\n  tag: \"1.0.0\"\n");
        write(root, "templates/deployment.yaml", DEPLOYMENT);
        return root;
    }

    static HelmChartRenderer helm(HelmRelease release) {
        return new HelmChartRenderer(Optional.of(new Helm(HelmTools.helm(), Duration.ofSeconds(60))), release, Optional::empty);
    }

    private RenderResult render(Path directory, HelmChartRenderer helm) {
        try {
            return new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.binary(HelmTools.kustomize().toString()), helm).render(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(ManifestObject object, String... path) {
        Object value = object.content();
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    @Test
    void rendersAChartWithTwoValuesFilesTheLaterOneWinning() {
        chart(dir);
        write(dir, "values-big.yaml", "replicas: 5\n");
        write(dir, "values-staging.yaml", "replicas: 2\nimage:\n  tag: \"1.4.2\"\n");

        ManifestObject staging = objects(render(dir, helm(new HelmRelease("shop", "staging", List.of("values-big.yaml", "values-staging.yaml"),
                Optional.empty())))).get(0);
        ManifestObject big = objects(render(dir, helm(new HelmRelease("shop", "staging", List.of("values-staging.yaml", "values-big.yaml"),
                Optional.empty())))).get(0);

        assertThat(staging.id()).isEqualTo(new ResourceId("apps", "Deployment", "staging", "shop-web"));
        assertThat(staging.source()).hasToString("templates/deployment.yaml");
        assertThat(at(staging, "spec", "replicas")).isEqualTo(2);
        assertThat(at(big, "spec", "replicas")).isEqualTo(5);
        assertThat(staging.content().toString()).contains("registry.example.com/shop/web:1.4.2");
        assertThat(big.content().toString()).contains("registry.example.com/shop/web:1.4.2");
    }

    @Test
    void overridesFromTheSetFileComeAfterTheValuesFiles() {
        chart(dir);
        write(dir, "values-staging.yaml", "replicas: 2\n");
        write(dir, "overrides", "# set by the platform team\nreplicas=3\n\nimage.tag=1.5.0\n");

        ManifestObject deployment = objects(render(dir, helm(new HelmRelease("shop", "", List.of("values-staging.yaml"),
                Optional.of("overrides"))))).get(0);

        assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
        assertThat(deployment.content().toString()).contains("registry.example.com/shop/web:1.5.0");
    }

    @Test
    void anOverrideLineWithoutAValueIsRefusedWithItsLine() {
        chart(dir);
        write(dir, "overrides", "replicas=3\nimage.tag\n");

        assertThat(problems(render(dir, helm(new HelmRelease("shop", "", List.of(), Optional.of("overrides"))))))
                .containsExactly("overrides:2: is not an override of the form path=value");
    }

    @Test
    void rendersWithTheClustersVersionsAndPutsNamespacedObjectsInTheReleaseNamespace() {
        chart(dir);
        write(dir, "templates/budget.yaml", """
                {{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                  annotations: {kube-version: "{{ .Capabilities.KubeVersion.Version }}"}
                spec:
                  minAvailable: 1
                  selector: {matchLabels: {app: web}}
                {{- end }}
                """);
        write(dir, "templates/class.yaml", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: web}\nvalue: 1000\n");
        ClusterCapabilities cluster = new ClusterCapabilities("v1.37.2",
                List.of("v1", "apps/v1", "apps/v1/Deployment", "policy/v1", "policy/v1/PodDisruptionBudget", "scheduling.k8s.io/v1",
                        "scheduling.k8s.io/v1/PriorityClass"),
                Set.of("apps/v1/Deployment", "policy/v1/PodDisruptionBudget"));
        HelmRelease release = new HelmRelease("shop", "staging", List.of(), Optional.empty());

        List<ManifestObject> objects = objects(render(dir, new HelmChartRenderer(
                Optional.of(new Helm(HelmTools.helm(), Duration.ofSeconds(60))), release, () -> Optional.of(cluster))));
        List<ManifestObject> withoutTheCluster = objects(render(dir, helm(release)));

        assertThat(objects).extracting(ManifestObject::id).containsExactlyInAnyOrder(
                new ResourceId("policy", "PodDisruptionBudget", "staging", "web"),
                new ResourceId("scheduling.k8s.io", "PriorityClass", "", "web"),
                new ResourceId("apps", "Deployment", "staging", "shop-web"));
        assertThat(objects).filteredOn(object -> object.id().kind().equals("PodDisruptionBudget")).singleElement()
                .satisfies(budget -> assertThat(at(budget, "metadata", "annotations")).isEqualTo(Map.of("kube-version", "v1.37.2")));
        assertThat(withoutTheCluster).extracting(object -> object.id().kind()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void aChartThatFailsToRenderGivesHelmsErrorAtTheTemplateAndLine() {
        chart(dir);
        write(dir, "templates/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  url: {{ required "database.url is required" .Values.url }}
                """);

        assertThat(problems(render(dir, helm(HelmRelease.DEFAULT)))).containsExactly("templates/config.yaml:6: helm template failed:"
                + " execution error at (web/templates/config.yaml:6:10): database.url is required");
    }

    @Test
    void helmsErrorWithItsCauseOnLinesOfTheirOwnIsToldInOneLine() {
        chart(dir);
        write(dir, "templates/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  url: {{ required "database.url is required" .Values.database.url }}
                """);

        assertThat(problems(render(dir, helm(HelmRelease.DEFAULT)))).containsExactly("templates/config.yaml:6: helm template failed:"
                + " web/templates/config.yaml:6:53 executing \"web/templates/config.yaml\" at <.Values.database.url>:"
                + " nil pointer evaluating interface {}.url");
    }

    @Test
    void aTemplateRenderingInvalidYamlIsRefusedAtTheTemplate() {
        chart(dir);
        write(dir, "templates/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n data:\n  url: x\n");

        assertThat(problems(render(dir, helm(HelmRelease.DEFAULT)))).containsExactly("templates/config.yaml: helm template failed:"
                + " YAML parse error on web/templates/config.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key");
    }

    @Test
    void aValuesFileTheChartDoesNotHaveIsRefusedByName() {
        chart(dir);

        assertThat(problems(render(dir, helm(new HelmRelease("shop", "", List.of("values-prod.yaml", "../secrets.yaml"), Optional.empty())))))
                .containsExactly("../secrets.yaml: the values file is outside the chart directory; name it relative to the chart, inside it",
                        "values-prod.yaml: the values file the environment names is not a file in the chart directory");
    }

    @Test
    void aKustomizationInflatesALocalChartOfItsHelmCharts() {
        chart(dir.resolve("charts/web"));
        write(dir, "kustomization.yaml", """
                helmCharts:
                - name: web
                  releaseName: shop
                  namespace: shop
                  valuesInline:
                    replicas: 4
                labels:
                - pairs: {team: shop}
                """);

        ManifestObject deployment = objects(render(dir, helm(HelmRelease.DEFAULT))).get(0);

        assertThat(deployment.id()).isEqualTo(new ResourceId("apps", "Deployment", "shop", "shop-web"));
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(4);
        assertThat(at(deployment, "metadata", "labels")).isEqualTo(Map.of("app", "web", "team", "shop"));
    }

    @Test
    void withoutHelmAChartIsRefusedSayingSo() {
        chart(dir);

        assertThat(problems(render(dir, HelmChartRenderer.UNAVAILABLE))).containsExactly("Chart.yaml: is a Helm chart, and Helm is not"
                + " available: put helm on the PATH or name it with --helm-binary (GITOPS_HELM_BINARY)");
    }

    @Test
    void withoutHelmAKustomizationWithHelmChartsIsRefusedSayingSo() {
        chart(dir.resolve("charts/web"));
        write(dir, "kustomization.yaml", "helmCharts:\n- name: web\n");

        assertThat(problems(render(dir, HelmChartRenderer.UNAVAILABLE))).containsExactly("kustomization.yaml: helmCharts need Helm,"
                + " which is not available: put helm on the PATH or name it with --helm-binary (GITOPS_HELM_BINARY)");
    }
}
