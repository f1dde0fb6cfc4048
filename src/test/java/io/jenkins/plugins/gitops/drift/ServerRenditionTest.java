package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With the server's rendition of the desired object (a dry-run apply's response), what the server
 * does to Git's text is no drift, while a live value that differs from the rendered one is.
 */
class ServerRenditionTest {

    private static final ResourceId WEB = new ResourceId("apps", "Deployment", "shop", "web");

    private static final String GIT = """
            spec:
              replicas: 2
              template:
                spec:
                  hostNetwork: false
                  containers:
                  - name: web
                    image: web:1.0
                    ports: [{containerPort: 8080}]
                    readinessProbe: {initialDelaySeconds: 0, tcpSocket: {port: 8080}}
                    volumeMounts: [{name: data, mountPath: /data, readOnly: false}]
                    resources: {requests: {cpu: 0.5, memory: 1536Mi}}
            """;

    /** How the API server stores GIT: zero values omitted, the protocol and quantities canonical. */
    private static final String RENDERED = """
            {"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "web", "image": "web:1.0",
              "ports": [{"containerPort": 8080, "protocol": "TCP"}],
              "readinessProbe": {"tcpSocket": {"port": 8080}, "timeoutSeconds": 1},
              "volumeMounts": [{"name": "data", "mountPath": "/data"}],
              "resources": {"requests": {"cpu": "500m", "memory": "1536Mi"}}}]}}}}
            """;

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    @Test
    void zeroValuesTheServerOmitsAreInSyncWithTheRendition() {
        assertThat(detector.compare(WEB, yaml(GIT), json(RENDERED), json(RENDERED)).status()).isEqualTo(DriftStatus.IN_SYNC);
    }

    @Test
    void withoutARenditionTheOmittedZeroValuesLookLikeDrift() {
        assertThat(detector.compare(WEB, yaml(GIT), json(RENDERED)).fields()).extracting(field -> field.path().toString())
                .containsExactly("/spec/template/spec/containers/0/readinessProbe/initialDelaySeconds",
                        "/spec/template/spec/containers/0/volumeMounts/0/readOnly", "/spec/template/spec/hostNetwork");
    }

    @Test
    void aLiveTrueWhereGitSaysFalseIsDriftShowingGitsFalse() {
        String live = RENDERED.replace("{\"spec\": {\"containers\"", "{\"spec\": {\"hostNetwork\": true, \"containers\"");

        ObjectDrift drift = detector.compare(WEB, yaml(GIT), json(live), json(RENDERED));

        assertThat(drift.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).hasToString("/spec/template/spec/hostNetwork");
            assertThat(field.desired()).isEqualTo(false);
            assertThat(field.live()).isEqualTo(true);
        });
    }

    @Test
    void aLiveValueInAKeyedListItemThatIsNotTheRenderedOneIsDrift() {
        String live = RENDERED.replace("\"500m\"", "\"2\"").replace("\"mountPath\": \"/data\"}", "\"mountPath\": \"/data\", \"readOnly\": true}");

        assertThat(detector.compare(WEB, yaml(GIT), json(live), json(RENDERED)).fields())
                .extracting(field -> field.path().toString())
                .containsExactly("/spec/template/spec/containers/0/resources/requests/cpu",
                        "/spec/template/spec/containers/0/volumeMounts/0/readOnly");
    }

    @Test
    void aGitChangeTheLiveObjectDoesNotHaveYetIsDrift() {
        String changedGit = GIT.replace("hostNetwork: false", "hostNetwork: true").replace("replicas: 2", "replicas: 3");
        String rendered = RENDERED.replace("\"replicas\": 2", "\"replicas\": 3")
                .replace("{\"spec\": {\"containers\"", "{\"spec\": {\"hostNetwork\": true, \"containers\"");

        assertThat(detector.compare(WEB, yaml(changedGit), json(RENDERED), json(rendered)).fields())
                .extracting(field -> field.path().toString())
                .containsExactly("/spec/replicas", "/spec/template/spec/hostNetwork");
    }
}
