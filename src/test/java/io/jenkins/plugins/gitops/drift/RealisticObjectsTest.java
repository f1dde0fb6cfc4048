package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects as Git holds them against the same objects as an API server returns them after
 * {@code kubectl apply}: every server default, allocated address, status and managedFields.
 */
class RealisticObjectsTest {

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    private static ResourceId idOf(Map<String, Object> object) {
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        return ResourceId.of((String) object.get("apiVersion"), (String) object.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deployment", "service", "configmap", "secret"})
    void serverDefaultsAreNoDrift(String name) {
        Map<String, Object> git = resource(name + "-git.yaml");

        ObjectDrift drift = detector.compare(idOf(git), git, resource(name + "-live.json"));

        assertThat(drift.fields()).isEmpty();
        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(drift.message()).isEqualTo("in sync");
    }

    @Test
    @SuppressWarnings("unchecked")
    void editedReplicasAndImageAreDriftNamingWhoEditedThem() {
        Map<String, Object> git = resource("deployment-git.yaml");
        Map<String, Object> live = resource("deployment-live.json");
        Trees.set(live, "/spec/replicas", 5);
        Trees.set(live, "/spec/template/spec/containers/1/image", "registry.example.com/shop/web:1.5.0-hotfix");
        List<Object> managedFields = (List<Object>) ((Map<String, Object>) live.get("metadata")).get("managedFields");
        managedFields.add(Trees.json("""
                {"manager": "kubectl-edit", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-11-22T10:00:00Z",
                 "fieldsType": "FieldsV1",
                 "fieldsV1": {"f:spec": {"f:replicas": {},
                   "f:template": {"f:spec": {"f:containers": {"k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}}
                """));
        ManifestObject desired = new ManifestObject(
                idOf(git), "apps/v1", git, new SourceLocation("apps/web/deployment.yaml", 1));

        ObjectDrift drift = detector.compare(desired, live);

        assertThat(drift.status()).isEqualTo(DriftStatus.DRIFTED);
        assertThat(drift.fields()).containsExactly(
                new FieldDrift(JsonPointer.parse("/spec/replicas"), 3, 5,
                        "kubectl-edit", Instant.parse("2026-11-22T10:00:00Z")),
                new FieldDrift(JsonPointer.parse("/spec/template/spec/containers/0/image"),
                        "registry.example.com/shop/web:1.4.2", "registry.example.com/shop/web:1.5.0-hotfix",
                        "kubectl-edit", Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(drift.message())
                .isEqualTo("2 fields drifted: /spec/replicas, /spec/template/spec/containers/0/image");
        assertThat(drift.fields().get(0)).hasToString("/spec/replicas: git 3, live 5, set by kubectl-edit at 2026-11-22T10:00:00Z");
    }

    @Test
    void aDeletedObjectIsMissing() {
        Map<String, Object> git = resource("service-git.yaml");

        ObjectDrift drift = detector.compare(idOf(git), git, null);

        assertThat(drift.status()).isEqualTo(DriftStatus.MISSING);
        assertThat(drift.message()).isEqualTo("missing from the cluster");
    }

    @Test
    void manyDriftedFieldsStayOnOneLine() {
        Map<String, Object> git = resource("configmap-git.yaml");
        Map<String, Object> live = resource("configmap-live.json");
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            data.put("key" + i, "line one\nline two " + i);
        }
        git.put("data", data);

        ObjectDrift drift = detector.compare(idOf(git), git, live);

        assertThat(drift.message()).isEqualTo("5 fields drifted: /data/key0, /data/key1, /data/key2, ...");
        assertThat(drift.toString()).doesNotContain("\n");
    }
}
