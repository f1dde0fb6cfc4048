package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply checked on the wire against a recording loopback server: the mock API server
 * answers apply patches with 415, so what is verified is the request a real API server would get.
 */
class ServerSideApplyTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                  - {name: web, image: registry.example/web:1.0.0}
            """;

    private RecordingApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingApiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void onTheWireAnApplyPatchAsGitopsAgentWithoutForceByDefault() {
        Applier applier = new Applier(server.client, ApplierSettings.defaults("gitops"));

        ApplyResult result = applier.apply("aaa111", Manifests.parse("web.yaml", WEB));

        assertThat(result.errors()).isEmpty();
        assertThat(result.count(Action.CREATED)).isEqualTo(1);
        RecordingApiServer.Request patch = onlyPatch();
        assertThat(patch.path()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/web");
        assertThat(patch.query()).isEqualTo("fieldManager=gitops-agent");
        assertThat(patch.contentType()).isEqualTo("application/apply-patch+yaml");
        assertThat(patch.body()).contains("\"apiVersion\":\"apps/v1\"", "\"kind\":\"Deployment\"", "\"replicas\":2",
                "\"image\":\"registry.example/web:1.0.0\"");
        assertThat(patch.body()).doesNotContain("last-applied-configuration");
    }

    @Test
    void onTheWireTheConfiguredFieldManagerAndForce() {
        Applier applier = new Applier(server.client,
                ApplierSettings.defaults("gitops").withStrategy(ApplyStrategy.named("server-side", "platform-agent", true)));

        applier.apply("aaa111", Manifests.parse("web.yaml", WEB));

        assertThat(onlyPatch().query()).isEqualTo("fieldManager=platform-agent&force=true");
    }

    @Test
    void onTheWireNoPatchWhenTheLiveObjectAlreadyHasEveryDesiredField() {
        server.answerGet("/apis/apps/v1/namespaces/shop/deployments", """
                {"kind":"DeploymentList","apiVersion":"apps/v1","items":[{"metadata":{"name":"web","namespace":"shop",
                 "resourceVersion":"7","managedFields":[{"manager":"gitops-agent","operation":"Apply","fieldsV1":{
                   "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{
                   ".":{},"f:name":{},"f:image":{}}}}}}}}]},
                 "spec":{"replicas":2,"revisionHistoryLimit":10,"template":{"spec":{"containers":[
                   {"name":"web","image":"registry.example/web:1.0.0","imagePullPolicy":"IfNotPresent"}]}}},
                 "status":{"replicas":2}}]}
                """);
        Applier applier = new Applier(server.client, ApplierSettings.defaults("gitops").withPrune(false));

        ApplyResult result = applier.apply("aaa111", Manifests.parse("web.yaml", WEB));

        assertThat(result.count(Action.UNCHANGED)).isEqualTo(1);
        assertThat(server.requests()).noneMatch(request -> request.method().equals("PATCH"));
    }

    @Test
    void onTheWireAPatchWhenAFieldThisManagerAppliedWasDroppedThoughLiveStillHasEveryDesiredValue() {
        server.answerGet("/apis/apps/v1/namespaces/shop/deployments", """
                {"kind":"DeploymentList","apiVersion":"apps/v1","items":[{"metadata":{"name":"web","namespace":"shop",
                 "managedFields":[{"manager":"gitops-agent","operation":"Apply","fieldsV1":{"f:spec":{
                   "f:replicas":{},"f:paused":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{
                   ".":{},"f:name":{},"f:image":{}}}}}}}}]},
                 "spec":{"replicas":2,"paused":false,"template":{"spec":{"containers":[
                   {"name":"web","image":"registry.example/web:1.0.0"}]}}}}]}
                """);
        Applier applier = new Applier(server.client, ApplierSettings.defaults("gitops").withPrune(false));

        ApplyResult result = applier.apply("aaa111", Manifests.parse("web.yaml", WEB));

        assertThat(result.count(Action.CONFIGURED)).isEqualTo(1);
        assertThat(onlyPatch().body()).doesNotContain("paused");
    }

    @Test
    void anUnknownStrategyNameIsRefusedInOneLine() {
        assertThatThrownBy(() -> ApplyStrategy.named("replace", "gitops-agent", false))
                .hasMessage("unknown apply strategy 'replace': use server-side or client-side");
    }

    private RecordingApiServer.Request onlyPatch() {
        List<RecordingApiServer.Request> patches =
                server.requests().stream().filter(request -> request.method().equals("PATCH")).toList();
        assertThat(patches).hasSize(1);
        return patches.get(0);
    }
}
