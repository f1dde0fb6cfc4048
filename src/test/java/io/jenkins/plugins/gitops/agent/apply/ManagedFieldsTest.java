package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

    private static final String LIVE = """
            {"metadata":{"name":"web","managedFields":[
              {"manager":"gitops-agent","operation":"Apply","fieldsV1":{
                "f:metadata":{"f:labels":{"f:app":{}}},
                "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{
                  "k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{}}}}},
                  "f:finalizersLike":{"v:\\"keep\\"":{}}}}},
              {"manager":"kube-controller-manager","operation":"Update","fieldsV1":{"f:status":{"f:replicas":{}}}},
              {"manager":"gitops-agent","operation":"Apply","subresource":"status","fieldsV1":{"f:status":{"f:x":{}}}}]}}
            """;

    private static final String DESIRED = """
            {"metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"finalizersLike":["keep"],"template":{"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
            """;

    @Test
    void nothingOwnedIsMissingWhenTheDesiredObjectSetsEveryAppliedField() {
        assertThat(ManagedFields.ownsFieldsOutside(Json.readObject(LIVE), "gitops-agent", Json.readObject(DESIRED))).isFalse();
    }

    @Test
    void aDroppedFieldAKeyedListItemOrASetValueIsMissing() {
        Map<String, Object> live = Json.readObject(LIVE);

        assertThat(ManagedFields.ownsFieldsOutside(live, "gitops-agent",
                Json.readObject(DESIRED.replace("\"replicas\":2,", "")))).isTrue();
        assertThat(ManagedFields.ownsFieldsOutside(live, "gitops-agent",
                Json.readObject(DESIRED.replace("\"name\":\"web\",\"image\"", "\"name\":\"app\",\"image\"")))).isTrue();
        assertThat(ManagedFields.ownsFieldsOutside(live, "gitops-agent",
                Json.readObject(DESIRED.replace("[\"keep\"]", "[]")))).isTrue();
    }

    @Test
    void fieldsOfOtherManagersAndSubresourcesDoNotCount() {
        assertThat(ManagedFields.ownsFieldsOutside(Json.readObject(LIVE), "someone-else",
                Json.readObject("{\"metadata\":{\"name\":\"web\"}}"))).isFalse();
    }
}
