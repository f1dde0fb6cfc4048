package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which refusals are about immutable fields, from the causes a v1.37 API server sends (messages shortened where they quote objects). */
class ImmutableFieldsClassificationTest {

    @Test
    void namesTheFieldsOfEveryImmutableWordingTheServerUses() {
        assertThat(fields(cause("FieldValueInvalid", "spec.template", "Invalid value: {\"labels\":{...}}: field is immutable")))
                .isEqualTo("field spec.template");
        assertThat(fields(cause("FieldValueInvalid", "spec.clusterIPs[0]", "Invalid value: [\"10.96.10.11\"]: may not change once set")))
                .isEqualTo("field spec.clusterIPs[0]");
        assertThat(fields(cause("FieldValueForbidden", "spec",
                "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"
                        + "@@ -1,6 +1,6 @@\n {\n  \"AccessModes\": [\n-  \"ReadWriteOnce\"\n+  \"ReadWriteMany\"\n")))
                .isEqualTo("field spec");
        assertThat(fields(cause("FieldValueForbidden", "spec", "Forbidden: updates to statefulset spec for fields other than"
                + " 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")))
                .isEqualTo("field spec");
        assertThat(fields(
                cause("FieldValueInvalid", "spec.selector", "Invalid value: {\"matchLabels\":{}}: field is immutable"),
                cause("FieldValueInvalid", "spec.template.metadata.labels", "Invalid value: {}: field is immutable"),
                cause("FieldValueInvalid", "spec.selector", "Invalid value: {}: field is immutable")))
                .isEqualTo("fields spec.selector, spec.template.metadata.labels");
    }

    @Test
    void aRefusalWithAnyPlainInvalidValueIsNoImmutableChange() {
        assertThat(ImmutableFields.of(refusal(422,
                cause("FieldValueInvalid", "spec.selector", "Invalid value: {}: field is immutable"),
                cause("FieldValueInvalid", "spec.replicas", "Invalid value: -1: must be greater than or equal to 0")))).isEmpty();
        assertThat(ImmutableFields.of(refusal(422))).isEmpty();
        assertThat(ImmutableFields.of(refusal(409, cause("FieldManagerConflict", ".spec.replicas", "conflict with \"kubectl\"")))).isEmpty();
        assertThat(ImmutableFields.of(new KubernetesClientException("connection refused"))).isEmpty();
    }

    private static String fields(StatusCause... causes) {
        return ImmutableFields.of(refusal(422, causes)).orElseThrow().describe();
    }

    private static KubernetesClientException refusal(int code, StatusCause... causes) {
        Status status = new StatusBuilder().withCode(code).withReason(code == 422 ? "Invalid" : "Conflict").withMessage("refused")
                .withNewDetails().withCauses(Arrays.asList(causes)).endDetails().build();
        return new KubernetesClientException(status);
    }

    private static StatusCause cause(String reason, String field, String message) {
        return new StatusCause(field, message, reason);
    }
}
