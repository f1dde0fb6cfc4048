package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each drifted field names who last wrote it, read from the live object's managedFields. */
class AttributionTest {

    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    private FieldDrift onlyDrift(String gitYaml, String managedFields, String liveSpec) {
        ObjectDrift drift = detector.compare(
                WEB, yaml(gitYaml), json("{\"metadata\": {\"managedFields\": " + managedFields + "}, \"spec\": " + liveSpec + "}"));
        assertThat(drift.fields()).hasSize(1);
        return drift.fields().get(0);
    }

    private static String entry(String manager, String time, String fieldsV1) {
        return "{\"manager\": \"" + manager + "\", \"operation\": \"Update\", \"time\": \"" + time
                + "\", \"fieldsType\": \"FieldsV1\", \"fieldsV1\": " + fieldsV1 + "}";
    }

    @Test
    void namesTheManagerThatSetTheField() {
        FieldDrift drift = onlyDrift(
                "spec: {replicas: 3}",
                "[" + entry("gitops-agent", "2026-11-21T09:00:00Z", "{\"f:spec\": {\"f:template\": {}}}") + ","
                        + entry("kubectl-edit", "2026-11-22T10:00:00Z", "{\"f:spec\": {\"f:replicas\": {}}}") + "]",
                "{\"replicas\": 5}");

        assertThat(drift.manager()).isEqualTo("kubectl-edit");
        assertThat(drift.changedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void findsListItemsByTheirKey() {
        FieldDrift drift = onlyDrift(
                "spec: {template: {spec: {containers: [{name: web, image: 'web:1.0'}, {name: shipper, image: 'shipper:2'}]}}}",
                "[" + entry("gitops-agent", "2026-11-21T09:00:00Z", """
                        {"f:spec": {"f:template": {"f:spec": {"f:containers": {
                          "k:{\\"name\\":\\"web\\"}": {".": {}, "f:name": {}},
                          "k:{\\"name\\":\\"shipper\\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}}
                        """) + ","
                        + entry("kubectl-set", "2026-11-22T10:00:00Z", """
                        {"f:spec": {"f:template": {"f:spec": {"f:containers": {
                          "k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}
                        """) + "]",
                "{\"template\": {\"spec\": {\"containers\": [{\"name\": \"shipper\", \"image\": \"shipper:2\"},"
                        + " {\"name\": \"web\", \"image\": \"web:1.1\"}]}}}");

        assertThat(drift.path()).hasToString("/spec/template/spec/containers/0/image");
        assertThat(drift.manager()).isEqualTo("kubectl-set");
    }

    @Test
    void readsPortKeysWithTheDefaultedProtocol() {
        FieldDrift drift = onlyDrift(
                "spec: {ports: [{port: 80, targetPort: 8080}]}",
                "[" + entry("kubectl-patch", "2026-11-22T10:00:00Z", """
                        {"f:spec": {"f:ports": {"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}": {"f:targetPort": {}}}}}
                        """) + "]",
                "{\"ports\": [{\"port\": 80, \"protocol\": \"TCP\", \"targetPort\": 9090}]}");

        assertThat(drift.manager()).isEqualTo("kubectl-patch");
    }

    @Test
    void whenSeveralManagersOwnTheFieldTheLatestWins() {
        FieldDrift drift = onlyDrift(
                "spec: {replicas: 3}",
                "[" + entry("deploy-bot", "2026-11-22T11:30:00Z", "{\"f:spec\": {\"f:replicas\": {}}}") + ","
                        + entry("gitops-agent", "2026-11-21T09:00:00Z", "{\"f:spec\": {\"f:replicas\": {}}}") + ","
                        + entry("kubectl-scale", "2026-11-22T10:00:00Z", "{\"f:spec\": {\"f:replicas\": {}}}") + "]",
                "{\"replicas\": 5}");

        assertThat(drift.manager()).isEqualTo("deploy-bot");
        assertThat(drift.changedAt()).isEqualTo(Instant.parse("2026-11-22T11:30:00Z"));
    }

    @Test
    void theDeepestOwnerWinsOverTheOwnerOfTheItem() {
        FieldDrift drift = onlyDrift(
                "spec: {template: {spec: {containers: [{name: web, image: 'web:1.0'}]}}}",
                "[" + entry("kubectl-set", "2026-11-22T10:00:00Z", """
                        {"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}
                        """) + ","
                        + entry("gitops-agent", "2026-11-22T12:00:00Z", """
                        {"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\\"name\\":\\"web\\"}": {".": {}, "f:name": {}}}}}}}
                        """) + "]",
                "{\"template\": {\"spec\": {\"containers\": [{\"name\": \"web\", \"image\": \"web:1.1\"}]}}}");

        assertThat(drift.manager()).isEqualTo("kubectl-set");
    }

    @Test
    void anAtomicFieldBelongsToWhoeverSetItWhole() {
        FieldDrift drift = onlyDrift(
                "spec: {template: {spec: {containers: [{name: web, args: [--port, '80']}]}}}",
                "[" + entry("kubectl-edit", "2026-11-22T10:00:00Z", """
                        {"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\\"name\\":\\"web\\"}": {"f:args": {}}}}}}}
                        """) + "]",
                "{\"template\": {\"spec\": {\"containers\": [{\"name\": \"web\", \"args\": [\"--port\", \"81\"]}]}}}");

        assertThat(drift.path()).hasToString("/spec/template/spec/containers/0/args/1");
        assertThat(drift.manager()).isEqualTo("kubectl-edit");
    }

    @Test
    void nobodyOwnsAFieldTheClusterLacks() {
        FieldDrift drift = onlyDrift(
                "spec: {minReadySeconds: 5}",
                "[" + entry("gitops-agent", "2026-11-21T09:00:00Z", "{\"f:spec\": {\"f:replicas\": {}}}") + "]",
                "{\"replicas\": 3}");

        assertThat(drift.live()).isNull();
        assertThat(drift.manager()).isNull();
        assertThat(drift.changedAt()).isNull();
        assertThat(drift).hasToString("/spec/minReadySeconds: git 5, live absent");
    }
}
