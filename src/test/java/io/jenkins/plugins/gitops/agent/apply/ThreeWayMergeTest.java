package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {

    @Test
    void unchangedDesiredStateGivesAnEmptyPatch() {
        Map<String, Object> desired = Map.of("spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 80))));
        Map<String, Object> live = Map.of("spec", Map.of("replicas", 2L, "ports", List.of(Map.of("port", 80L))),
                "status", Map.of("ready", true));

        assertThat(ThreeWayMerge.patch(desired, desired, live)).isEmpty();
    }

    @Test
    void quantitiesInTheServersCanonicalFormAndEmptyValuesItLeavesOutGiveAnEmptyPatch() {
        Map<String, Object> desired = Map.of("spec", Map.of("tolerations", List.of(), "containers", List.of(Map.of("name", "web",
                "resources", Map.of("requests", Map.of("cpu", 0.5, "memory", "1024Mi")), "volumeMounts", List.of(
                        Map.of("name", "cache", "mountPath", "/cache", "readOnly", false))))));
        Map<String, Object> live = Map.of("spec", Map.of("containers", List.of(Map.of("name", "web",
                "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi")), "volumeMounts", List.of(
                        Map.of("name", "cache", "mountPath", "/cache"))))));

        assertThat(ThreeWayMerge.patch(desired, desired, live)).isEmpty();
    }

    @Test
    void aChangedFieldIsSetAndOnlyItsPathIsSent() {
        Map<String, Object> original = Map.of("spec", Map.of("replicas", 2, "paused", false));
        Map<String, Object> modified = Map.of("spec", Map.of("replicas", 3, "paused", false));
        Map<String, Object> live = Map.of("spec", Map.of("replicas", 2, "paused", false, "revisionHistoryLimit", 10));

        assertThat(ThreeWayMerge.patch(original, modified, live)).isEqualTo(Map.of("spec", Map.of("replicas", 3)));
    }

    @Test
    void aFieldRemovedFromTheDesiredStateBecomesNull() {
        Map<String, Object> original = Map.of("data", Map.of("greeting", "hello", "colour", "blue"));
        Map<String, Object> modified = Map.of("data", Map.of("greeting", "hello"));
        Map<String, Object> live = Map.of("data", Map.of("greeting", "hello", "colour", "blue"));

        Map<String, Object> patch = ThreeWayMerge.patch(original, modified, live);

        assertThat(patch).containsOnlyKeys("data");
        assertThat(ObjectTree.mapAt(patch, "data")).hasSize(1).containsEntry("colour", null);
    }

    @Test
    void aRemovedFieldAlreadyGoneLiveIsNotSent() {
        Map<String, Object> original = Map.of("data", Map.of("greeting", "hello", "colour", "blue"));
        Map<String, Object> modified = Map.of("data", Map.of("greeting", "hello"));
        Map<String, Object> live = Map.of("data", Map.of("greeting", "hello"));

        assertThat(ThreeWayMerge.patch(original, modified, live)).isEmpty();
    }

    @Test
    void aListIsReplacedWhole() {
        List<Object> containers = List.of(Map.of("name", "web", "image", "web:1.1.0"));
        Map<String, Object> original = Map.of("containers", List.of(Map.of("name", "web", "image", "web:1.0.0"),
                Map.of("name", "sidecar", "image", "proxy:1")));
        Map<String, Object> modified = Map.of("containers", containers);
        Map<String, Object> live = Map.of("containers", List.of(
                Map.of("name", "web", "image", "web:1.0.0", "imagePullPolicy", "IfNotPresent"),
                Map.of("name", "sidecar", "image", "proxy:1")));

        assertThat(ThreeWayMerge.patch(original, modified, live)).isEqualTo(Map.of("containers", containers));
    }

    @Test
    void fieldsOnlyTheLiveObjectHasAreLeftAlone() {
        Map<String, Object> desired = Map.of("metadata", Map.of("labels", Map.of("app", "web")));
        Map<String, Object> live = Map.of("metadata", Map.of("labels", Map.of("app", "web", "team", "ops"),
                "annotations", Map.of("deployment.kubernetes.io/revision", "4")));

        assertThat(ThreeWayMerge.patch(desired, desired, live)).isEmpty();
    }

    @Test
    void liveDriftOnAnAppliedFieldIsPatchedBack() {
        Map<String, Object> desired = Map.of("spec", Map.of("replicas", 2));
        Map<String, Object> live = Map.of("spec", Map.of("replicas", 5));

        assertThat(ThreeWayMerge.patch(desired, desired, live)).isEqualTo(Map.of("spec", Map.of("replicas", 2)));
    }

    @Test
    void withoutALastAppliedConfigurationNothingIsRemoved() {
        Map<String, Object> modified = Map.of("data", Map.of("greeting", "hi"));
        Map<String, Object> live = Map.of("data", Map.of("greeting", "hello", "colour", "blue"));

        assertThat(ThreeWayMerge.patch(Map.of(), modified, live)).isEqualTo(Map.of("data", Map.of("greeting", "hi")));
    }

    @Test
    void aNewNestedMapIsSentWhole() {
        Map<String, Object> modified = Map.of("spec", Map.of("strategy", Map.of("type", "Recreate")));
        Map<String, Object> live = Map.of("spec", Map.of());

        assertThat(ThreeWayMerge.patch(Map.of(), modified, live)).isEqualTo(modified);
    }

    @Test
    void theLastAppliedAnnotationIsTheDesiredObjectWithoutItself() {
        Map<String, Object> desired = Map.of("kind", "ConfigMap", "metadata",
                Map.of("name", "c", "annotations", Map.of(ClientSideApply.LAST_APPLIED, "stale")));

        Map<String, Object> modified = ClientSideApply.withLastApplied(desired);

        assertThat(ObjectTree.textAt(modified, "metadata", "annotations", ClientSideApply.LAST_APPLIED))
                .isEqualTo("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
        assertThat(ClientSideApply.lastApplied(modified)).isEqualTo(Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c")));
    }
}
