package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSideHandoverTest {

    private static final Map<String, Object> KUBECTL_APPLIED = Json.readObject("""
            {"metadata":{"name":"c","resourceVersion":"41",
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},
              "managedFields":[
                {"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
                 "fieldsV1":{"f:data":{"f:a":{},"f:b":{}},"f:metadata":{"f:annotations":{".":{},
                   "f:kubectl.kubernetes.io/last-applied-configuration":{}}}}},
                {"manager":"kubectl-edit","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:c":{}}}},
                {"manager":"gitops-agent","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]}}
            """);

    @Test
    void kubectlsFieldsGoToTheAgentsApplyEntryAndTheLastAppliedAnnotationGoesInOnePatchGuardedByTheResourceVersion() {
        List<Map<String, Object>> patch = ClientSideHandover.patch(KUBECTL_APPLIED, "gitops-agent");

        assertThat(patch).extracting(operation -> operation.get("op")).containsExactly("test", "replace", "remove");
        assertThat(patch.get(0)).containsEntry("path", "/metadata/resourceVersion").containsEntry("value", "41");
        assertThat(patch.get(1).get("value")).isEqualTo(List.of(
                Json.readObject("""
                        {"manager":"kubectl-edit","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:c":{}}}}"""),
                Json.readObject("""
                        {"manager":"gitops-agent","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
                         "fieldsV1":{"f:data":{"f:a":{},"f:b":{}},"f:metadata":{"f:annotations":{".":{}}}}}""")));
        assertThat(patch.get(2)).containsEntry("path", "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration");
    }

    @Test
    void anObjectOnlyTheAgentAppliedServerSideNeedsNoHandover() {
        Map<String, Object> live = Json.readObject("""
                {"metadata":{"name":"c","managedFields":[
                  {"manager":"gitops-agent","operation":"Apply","apiVersion":"v1","fieldsV1":{"f:data":{"f:a":{}}}},
                  {"manager":"kubectl","operation":"Update","subresource":"scale","apiVersion":"v1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]}}
                """);

        assertThat(ClientSideHandover.patch(live, "gitops-agent")).isEmpty();
    }
}
