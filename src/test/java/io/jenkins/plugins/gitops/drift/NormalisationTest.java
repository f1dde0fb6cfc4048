package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the API server fills in or rewrites is not drift; what a person changed is. */
class NormalisationTest {

    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    private ObjectDrift compare(String gitYaml, String liveJson) {
        return detector.compare(WEB, yaml(gitYaml), json(liveJson));
    }

    private static List<String> paths(ObjectDrift drift) {
        return drift.fields().stream().map(field -> field.path().toString()).toList();
    }

    @Test
    void resourceQuantitiesCompareByAmount() {
        ObjectDrift drift = compare("""
                spec: {template: {spec: {containers: [{name: web, resources: {
                  requests: {cpu: 0.5, memory: 0.5Gi},
                  limits: {cpu: 1000m, memory: 1Gi, ephemeral-storage: 2G}}}]}}}
                """, """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "resources": {
                  "requests": {"cpu": "500m", "memory": "512Mi"},
                  "limits": {"cpu": "1", "memory": "1024Mi", "ephemeral-storage": "2Gi"}}}]}}}}
                """);

        assertThat(paths(drift)).containsExactly("/spec/template/spec/containers/0/resources/limits/ephemeral-storage");
        assertThat(drift.fields().get(0).desired()).isEqualTo("2G");
        assertThat(drift.fields().get(0).live()).isEqualTo("2Gi");
    }

    @Test
    void quantitiesAreOnlyNormalisedWhereKubernetesHoldsQuantities() {
        ObjectDrift drift = compare("""
                spec: {template: {spec: {containers: [{name: web, env: [{name: BUDGET, value: 1000m}]}]}}}
                """, """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "env": [{"name": "BUDGET", "value": "1"}]}]}}}}
                """);

        assertThat(paths(drift)).containsExactly("/spec/template/spec/containers/0/env/0/value");
    }

    @Test
    void portsMatchAsNumberOrString() {
        ObjectDrift same = compare("""
                spec: {template: {spec: {containers: [{name: web, readinessProbe: {httpGet: {port: "8080"}}}]}}}
                """, """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "readinessProbe": {"httpGet": {"port": 8080}}}]}}}}
                """);
        ObjectDrift named = compare("""
                spec: {template: {spec: {containers: [{name: web, readinessProbe: {httpGet: {port: http}}}]}}}
                """, """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "readinessProbe": {"httpGet": {"port": 8080}}}]}}}}
                """);

        assertThat(same.status()).isEqualTo(DriftStatus.IN_SYNC);
        assertThat(paths(named)).containsExactly("/spec/template/spec/containers/0/readinessProbe/httpGet/port");
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        Map<String, Object> live = json("{\"spec\": {\"replicas\": 3, \"minReadySeconds\": 10.0}}");

        assertThat(detector.compare(WEB, Map.of("spec", Map.of("replicas", 3L, "minReadySeconds", 10)), live).status())
                .isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void notANumberInGitIsDriftNotACrash() {
        ObjectDrift drift = compare("spec: {replicas: .nan, template: {spec: {containers: [{name: web, resources: {limits: {cpu: .inf}}}]}}}",
                "{\"spec\": {\"replicas\": 3, \"template\": {\"spec\": {\"containers\": [{\"name\": \"web\", \"resources\": {\"limits\": {\"cpu\": \"1\"}}}]}}}}");

        assertThat(paths(drift)).containsExactly("/spec/replicas", "/spec/template/spec/containers/0/resources/limits/cpu");
    }

    @Test
    void keyedListsPairItemsByMergeKeyNotPosition() {
        ObjectDrift drift = compare("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          ports: [{containerPort: 8080}, {containerPort: 8125, protocol: UDP}]
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                          volumeMounts: [{name: config, mountPath: /etc/web}, {name: data, mountPath: /data}]
                        - name: sidecar
                          image: shipper:2
                      volumes: [{name: config, configMap: {name: web-config}}, {name: data, emptyDir: {}}]
                """, """
                {"spec": {"template": {"spec": {
                  "containers": [
                    {"name": "sidecar", "image": "shipper:2"},
                    {"name": "web",
                     "ports": [{"containerPort": 8125, "protocol": "UDP"}, {"containerPort": 8080, "protocol": "TCP"}],
                     "env": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}],
                     "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "config", "mountPath": "/etc/web"}]}],
                  "volumes": [{"name": "data", "emptyDir": {}}, {"name": "config", "configMap": {"name": "web-config", "defaultMode": 420}}]
                }}}}
                """);

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void servicePortsPairByPortAndProtocol() {
        ObjectDrift drift = compare("""
                spec: {ports: [{name: dns, port: 53, protocol: UDP, targetPort: 5353}, {name: dns-tcp, port: 53, targetPort: 5353}]}
                """, """
                {"spec": {"ports": [
                  {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 5353},
                  {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 5300}]}}
                """);

        assertThat(paths(drift)).containsExactly("/spec/ports/0/targetPort");
        assertThat(drift.fields().get(0).live()).isEqualTo(5300);
    }

    @Test
    void itemsAnotherManagerAddedToAKeyedListAreNotDriftButRemovedOnesAre() {
        ObjectDrift drift = compare("""
                spec: {template: {spec: {
                  imagePullSecrets: [{name: shop-pull}],
                  containers: [{name: web, env: [{name: A, value: "1"}, {name: B, value: "2"}]}]}}}
                """, """
                {"spec": {"template": {"spec": {
                  "imagePullSecrets": [{"name": "policy-injected"}, {"name": "shop-pull"}],
                  "containers": [{"name": "web", "env": [{"name": "A", "value": "1"}, {"name": "DEBUG", "value": "true"}]}]}}}}
                """);

        assertThat(paths(drift)).containsExactly("/spec/template/spec/containers/0/env/1");
        assertThat(drift.fields().get(0).desired()).isEqualTo(Map.of("name", "B", "value", "2"));
        assertThat(drift.fields().get(0).live()).isNull();
    }

    @Test
    void atomicListsCompareByPosition() {
        ObjectDrift drift = compare("""
                spec: {template: {spec: {containers: [{name: web, args: [--port, "8080"], command: [serve]}]}}}
                """, """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "args": ["8080", "--port"], "command": ["serve", "--debug"]}]}}}}
                """);

        assertThat(paths(drift)).containsExactly(
                "/spec/template/spec/containers/0/args/0",
                "/spec/template/spec/containers/0/args/1",
                "/spec/template/spec/containers/0/command");
    }

    @Test
    void emptyDesiredValuesMatchAnAbsentLiveField() {
        ObjectDrift drift = compare("""
                metadata: {annotations: {}, labels: {team: ""}}
                spec:
                  paused: null
                  template:
                    metadata: {creationTimestamp: null, annotations: {}}
                    spec: {tolerations: [], securityContext: {}, containers: [{name: web, envFrom: [], resources: {}}]}
                """, """
                {"metadata": {}, "spec": {"template": {"metadata": {"creationTimestamp": null},
                  "spec": {"containers": [{"name": "web"}]}}}}
                """);

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void anEmptyDesiredListAgainstLiveItemsIsDrift() {
        ObjectDrift drift = compare("""
                spec: {template: {spec: {tolerations: []}}}
                """, """
                {"spec": {"template": {"spec": {"tolerations": [{"key": "dedicated", "operator": "Exists"}]}}}}
                """);

        assertThat(paths(drift)).containsExactly("/spec/template/spec/tolerations");
    }

    @Test
    void defaultsTheServerAddsInsideDesiredStructuresAreNotDrift() {
        ObjectDrift drift = compare("""
                spec:
                  strategy: {type: RollingUpdate}
                  template: {spec: {containers: [{name: web, readinessProbe: {httpGet: {path: /healthz, port: 8080}}}]}}
                """, """
                {"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                  "revisionHistoryLimit": 10,
                  "template": {"spec": {"dnsPolicy": "ClusterFirst", "containers": [{"name": "web", "imagePullPolicy": "IfNotPresent",
                    "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "periodSeconds": 10}}]}}}}
                """);

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void metadataTheServerOwnsAndStatusAreNotCompared() {
        ObjectDrift drift = compare("""
                apiVersion: apps/v1beta1
                metadata:
                  name: web
                  resourceVersion: "1"
                  uid: stale
                  generation: 1
                  creationTimestamp: "2020-01-01T00:00:00Z"
                  selfLink: /apis/apps/v1/namespaces/shop/deployments/web
                  managedFields: [{manager: someone}]
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
                status: {replicas: 1}
                """, """
                {"apiVersion": "apps/v1", "metadata": {"name": "web", "resourceVersion": "9", "uid": "u-1", "generation": 4,
                  "creationTimestamp": "2026-11-20T08:00:00Z",
                  "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\\"a\\":1}"}},
                 "status": {"replicas": 3}}
                """);

        assertThat(drift.status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void aSecretsStringDataComparesAsTheDataItBecomes() {
        ResourceId secret = new ResourceId("", "Secret", "shop", "db");
        Map<String, Object> git = yaml("""
                stringData: {user: admin}
                data: {password: "aHVu\\ndGVyMg"}
                """);
        Map<String, Object> live = json("{\"data\": {\"user\": \"YWRtaW4=\", \"password\": \"aHVudGVyMg==\"}}");

        assertThat(detector.compare(secret, git, live).status()).isEqualTo(DriftStatus.IN_SYNC);
    }
}
