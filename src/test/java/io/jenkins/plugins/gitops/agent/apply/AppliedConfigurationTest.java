package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The no-op check of server-side apply: the digest and the walk of the manager's field set, with field sets as the server writes them. */
class AppliedConfigurationTest {

    private static final String MANAGER = "gitops-agent";

    private static final Map<String, Object> SERVICE = Json.readObject("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"dns","namespace":"shop","labels":{"app":"dns"},"annotations":{}},
             "spec":{"selector":{"app":"dns"},"ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53}]}}
            """);

    /** What the API server records for {@link #SERVICE}: no name or namespace, {@code protocol} in every port's key. */
    private static final String SERVICE_FIELDS = """
            {"f:metadata":{"f:annotations":{"f:gitops.jenkins.io/applied-digest":{}},"f:labels":{"f:app":{}}},
             "f:spec":{"f:selector":{},"f:ports":{
               "k:{\\"port\\":53,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:port":{}},
               "k:{\\"port\\":53,\\"protocol\\":\\"UDP\\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}}}}}
            """;

    @Test
    void intactWhenTheDigestIsTheDesiredOneAndTheManagersApplyEntryOwnsEveryDesiredField() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);

        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", SERVICE_FIELDS)), stamped, MANAGER)).isTrue();
    }

    @Test
    void aChangedConfigurationIsNotIntactThoughEveryFieldIsStillOwned() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);
        Map<String, Object> changed = ObjectTree.copy(SERVICE);
        ObjectTree.mapAt(changed, "spec").put("selector", Map.of("app", "dns-v2"));

        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", SERVICE_FIELDS)),
                AppliedConfiguration.stamped(changed), MANAGER)).isFalse();
    }

    @Test
    void aFieldAnotherManagerTookIsNoLongerIntact() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);
        String withoutSelector = SERVICE_FIELDS.replace("\"f:selector\":{},", "");

        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", withoutSelector)), stamped, MANAGER)).isFalse();
    }

    @Test
    void aListItemSomeoneRemovedIsNoLongerIntact() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);
        String onlyUdp = SERVICE_FIELDS.replace("\"k:{\\\"port\\\":53,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:name\":{},\"f:port\":{}},", "");

        assertThat(onlyUdp).isNotEqualTo(SERVICE_FIELDS);
        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", onlyUdp)), stamped, MANAGER))
                .as("the port that leaves its protocol out cannot claim the UDP entry as well").isFalse();
    }

    @Test
    void onlyTheManagersOwnApplyEntryCounts() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);

        assertThat(AppliedConfiguration.intact(live(stamped, entry("kubectl", "Apply", SERVICE_FIELDS)), stamped, MANAGER)).isFalse();
        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Update", SERVICE_FIELDS)), stamped, MANAGER)).isFalse();
    }

    @Test
    void aSetListIsMatchedByValue() {
        Map<String, Object> desired = Json.readObject("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["example.com/keep"]}}""");
        Map<String, Object> stamped = AppliedConfiguration.stamped(desired);
        String fields = """
                {"f:metadata":{"f:annotations":{"f:gitops.jenkins.io/applied-digest":{}},"f:finalizers":{"v:\\"example.com/%s\\"":{}}}}""";

        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", fields.formatted("keep"))), stamped, MANAGER))
                .isTrue();
        assertThat(AppliedConfiguration.intact(live(stamped, entry(MANAGER, "Apply", fields.formatted("other"))), stamped, MANAGER))
                .isFalse();
    }

    @Test
    void theDigestLeavesAnEarlierDigestOutAndChangesWithTheContent() {
        Map<String, Object> stamped = AppliedConfiguration.stamped(SERVICE);

        assertThat(AppliedConfiguration.stamped(stamped)).isEqualTo(stamped);
        assertThat(ObjectTree.textAt(stamped, "metadata", "annotations", AppliedConfiguration.DIGEST_ANNOTATION)).startsWith("sha256:");
        assertThat(AppliedConfiguration.stamped(Map.of("kind", "Service")))
                .isNotEqualTo(AppliedConfiguration.stamped(Map.of("kind", "ConfigMap")));
    }

    private static Map<String, Object> live(Map<String, Object> stamped, Map<String, Object> entry) {
        Map<String, Object> live = ObjectTree.copy(stamped);
        ObjectTree.mapAt(live, "metadata").put("managedFields", List.of(entry));
        ObjectTree.mapAt(live, "metadata").put("uid", "0b0e");
        return live;
    }

    private static Map<String, Object> entry(String manager, String operation, String fields) {
        return Map.of("manager", manager, "operation", operation, "apiVersion", "v1", "fieldsType", "FieldsV1",
                "fieldsV1", Json.readObject(fields));
    }
}
