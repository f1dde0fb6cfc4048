package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IgnoreRuleTest {

    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");
    private static final ResourceId API = new ResourceId("apps", "Deployment", "shop", "api");
    private static final ResourceId BATCH = new ResourceId("apps", "Deployment", "jobs", "web");

    private static final String GIT = """
            metadata: {annotations: {example.com/restarted-at: "1", team: shop}}
            spec:
              replicas: 3
              template: {spec: {containers: [{name: web, image: "web:1.0"}]}}
            """;
    private static final String LIVE = """
            {"metadata": {"annotations": {"example.com/restarted-at": "2", "team": "shop"}},
             "spec": {"replicas": 7, "template": {"spec": {"containers": [{"name": "web", "image": "web:1.1"}]}}}}
            """;

    private static List<String> driftedPaths(DriftDetector detector, ResourceId id) {
        return detector.compare(id, yaml(GIT), json(LIVE)).fields().stream()
                .map(field -> field.path().toString())
                .toList();
    }

    @Test
    void pointerWithEscapedSlashIgnoresThatAnnotation() {
        DriftDetector detector = new DriftDetector(
                List.of(IgnoreRule.of("apps", "Deployment", "shop", "web", "/metadata/annotations/example.com~1restarted-at")),
                Set.of());

        assertThat(driftedPaths(detector, WEB)).containsExactly("/spec/replicas", "/spec/template/spec/containers/0/image");
    }

    @Test
    void pointerCoversEverythingUnderIt() {
        DriftDetector detector = new DriftDetector(
                List.of(IgnoreRule.of("apps", "Deployment", "shop", "web", "/spec/template", "/metadata")), Set.of());

        assertThat(driftedPaths(detector, WEB)).containsExactly("/spec/replicas");
    }

    @Test
    void ignoredFieldsAreLeftOutAsIfGitDidNotSetThem() {
        DriftDetector detector = new DriftDetector(
                List.of(IgnoreRule.of("apps", "Deployment", "shop", "web", "/spec/template/metadata/annotations/rollout")),
                Set.of());
        Map<String, Object> git = yaml("""
                spec: {template: {metadata: {annotations: {rollout: "3"}, labels: {app: web, tier: front}}}}
                """);
        Map<String, Object> live = json("{\"spec\": {\"template\": {}}}");

        ObjectDrift drift = detector.compare(WEB, git, live);

        assertThat(drift.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).hasToString("/spec/template/metadata");
            assertThat(field.desired()).isEqualTo(Map.of("annotations", Map.of(), "labels", Map.of("app", "web", "tier", "front")));
        });
        git.put("spec", yaml("template: {metadata: {annotations: {rollout: '3'}}}"));
        assertThat(detector.compare(WEB, git, live).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void ruleAppliesOnlyToTheObjectsItNames() {
        DriftDetector detector = new DriftDetector(
                List.of(IgnoreRule.of("apps", "Deployment", "shop", IgnoreRule.ANY, "/spec/replicas")), Set.of());

        assertThat(driftedPaths(detector, WEB)).doesNotContain("/spec/replicas");
        assertThat(driftedPaths(detector, API)).doesNotContain("/spec/replicas");
        assertThat(driftedPaths(detector, BATCH)).contains("/spec/replicas");
        assertThat(driftedPaths(detector, new ResourceId("apps", "StatefulSet", "shop", "web"))).contains("/spec/replicas");
    }

    @Test
    void wildcardsMatchAnyGroupKindNamespaceAndName() {
        IgnoreRule everywhere = IgnoreRule.of(IgnoreRule.ANY, IgnoreRule.ANY, IgnoreRule.ANY, IgnoreRule.ANY, "/spec/replicas");
        IgnoreRule coreOnly = IgnoreRule.of("", IgnoreRule.ANY, IgnoreRule.ANY, IgnoreRule.ANY, "/spec/replicas");

        assertThat(everywhere.appliesTo(BATCH)).isTrue();
        assertThat(everywhere.appliesTo(new ResourceId("", "Namespace", "", "shop"))).isTrue();
        assertThat(coreOnly.appliesTo(WEB)).isFalse();
    }

    @Test
    void refusesAMalformedPointerNamingIt() {
        assertThatThrownBy(() -> IgnoreRule.of("apps", "Deployment", "shop", "web", "spec/replicas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON pointer 'spec/replicas' must start with '/'");
    }

    @Test
    void replicasOfAWorkloadAnAutoscalerTargetsAreNotDrift() {
        Map<String, Object> autoscaler = yaml("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 10
                """);
        Set<ResourceId> targets = ScaleTargets.of(List.of(autoscaler));
        DriftDetector detector = new DriftDetector(List.of(), targets);

        assertThat(targets).containsExactly(WEB);
        assertThat(driftedPaths(detector, WEB)).doesNotContain("/spec/replicas").contains("/spec/template/spec/containers/0/image");
        assertThat(driftedPaths(detector, API)).contains("/spec/replicas");
        assertThat(driftedPaths(detector, BATCH)).contains("/spec/replicas");
    }

    @Test
    void refusesAnAutoscalerWithoutATarget() {
        Map<String, Object> autoscaler = yaml("metadata: {name: web, namespace: shop}\nspec: {scaleTargetRef: {kind: Deployment}}");

        assertThatThrownBy(() -> ScaleTargets.of(List.of(autoscaler)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HorizontalPodAutoscaler shop/web has no complete spec.scaleTargetRef (apiVersion, kind, name)");
    }

    @Test
    void settingTextNamesRulesWithOrWithoutAGroup() {
        List<IgnoreRule> rules = IgnoreRule.parseAll("""
                apps/Deployment/shop/*=/spec/template/metadata/annotations, /spec/replicas
                ConfigMap/shop/web=/data/cache; rbac.authorization.k8s.io/ClusterRole//reader=/rules
                """);

        assertThat(rules).containsExactly(
                IgnoreRule.of("apps", "Deployment", "shop", IgnoreRule.ANY, "/spec/template/metadata/annotations", "/spec/replicas"),
                IgnoreRule.of("", "ConfigMap", "shop", "web", "/data/cache"),
                IgnoreRule.of("rbac.authorization.k8s.io", "ClusterRole", "", "reader", "/rules"));
        assertThat(rules.get(0).ignores(API, JsonPointer.parse("/spec/replicas"))).isTrue();
        assertThat(IgnoreRule.parseAll(" ; \n")).isEmpty();
    }

    @Test
    void settingTextWithAMistakeNamesTheRuleByPosition() {
        assertThatThrownBy(() -> IgnoreRule.parseAll("ConfigMap/shop/web=/data/cache; Deployment/web=/spec/replicas"))
                .hasMessage("ignore rule 2 'Deployment/web=/spec/replicas': expected [group/]Kind/namespace/name before '='");
        assertThatThrownBy(() -> IgnoreRule.parseAll("Deployment/shop/web"))
                .hasMessage("ignore rule 1 'Deployment/shop/web': expected [group/]Kind/namespace/name=/pointer[,/pointer...]");
        assertThatThrownBy(() -> IgnoreRule.parseAll("Deployment/shop/web=spec/replicas"))
                .hasMessage("ignore rule 1 'Deployment/shop/web=spec/replicas': JSON pointer 'spec/replicas' must start with '/'");
        assertThatThrownBy(() -> IgnoreRule.parseAll("Deployment/shop/web="))
                .hasMessage("ignore rule 1 'Deployment/shop/web=': no JSON pointer after '='");
        assertThatThrownBy(() -> IgnoreRule.parseAll("/shop/web=/spec"))
                .hasMessage("ignore rule 1 '/shop/web=/spec': the kind and the name may not be empty (use * for any)");
    }
}
