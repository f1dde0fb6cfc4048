package io.jenkins.plugins.gitops.drift;

import static io.jenkins.plugins.gitops.drift.Trees.json;
import static io.jenkins.plugins.gitops.drift.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secret values never leave the comparison in clear, in plain text or base64. */
class SecretMaskTest {

    private static final ResourceId SECRET = new ResourceId("", "Secret", "shop", "db");
    private static final String PLANTED = "planted-Pa55word-7f3a";
    private static final String EDITED = "edited-Pa55word-c1d2";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final DriftDetector detector = new DriftDetector(List.of(), Set.of());

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(PLANTED, base64(PLANTED), EDITED, base64(EDITED));
    }

    @Test
    void aDriftedSecretValueShowsOnlyThatItChanged() {
        ObjectDrift drift = detector.compare(SECRET,
                yaml("stringData: {password: " + PLANTED + "}\ndata: {user: " + base64("admin") + "}"),
                json("""
                        {"metadata": {"annotations": {"%s": "{\\"stringData\\":{\\"password\\":\\"%s\\"}}"}},
                         "data": {"password": "%s", "user": "%s"}}
                        """.formatted(LAST_APPLIED, PLANTED, base64(EDITED), base64("root"))));

        assertThat(drift.fields()).extracting(field -> field.path().toString(), FieldDrift::desired, FieldDrift::live)
                .containsExactly(
                        tuple("/data/password", SecretMask.BEFORE, SecretMask.AFTER),
                        tuple("/data/user", SecretMask.BEFORE, SecretMask.AFTER));
        assertNoSecretIn(drift.toString());
        assertNoSecretIn(drift.message());
        drift.fields().forEach(field -> assertNoSecretIn(JsonValues.render(List.of(field.desired(), field.live()))));
    }

    @Test
    void aSecretValueOnOneSideOnlyShowsAsMasked() {
        ObjectDrift drift = detector.compare(SECRET,
                yaml("data: {password: " + base64(PLANTED) + "}"),
                json("{\"data\": {\"other\": \"" + base64(EDITED) + "\"}}"));

        assertThat(drift.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).hasToString("/data/password");
            assertThat(field.desired()).isEqualTo(SecretMask.MASK);
            assertThat(field.live()).isNull();
        });
    }

    @Test
    void aWholeMissingDataMapKeepsItsKeysButNotItsValues() {
        ObjectDrift drift = detector.compare(SECRET,
                yaml("data: {password: " + base64(PLANTED) + "}"),
                json("{\"type\": \"Opaque\"}"));

        assertThat(drift.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).hasToString("/data");
            assertThat(field.desired()).isEqualTo(Map.of("password", SecretMask.MASK));
        });
        assertNoSecretIn(drift.toString());
    }

    @Test
    void theLastAppliedAnnotationNeverShowsInDriftAndIsMaskedOnAnyKind() {
        ResourceId deployment = new ResourceId("apps", "Deployment", "shop", "web");
        Map<String, Object> git = yaml("metadata: {annotations: {team: shop, " + LAST_APPLIED + ": '" + PLANTED + "'}}");

        ObjectDrift drift = detector.compare(deployment, git, json("{\"metadata\": {}}"));

        assertThat(drift.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).hasToString("/metadata/annotations");
            assertThat(field.desired()).isEqualTo(Map.of("team", "shop"));
        });
        assertNoSecretIn(drift.toString());
        assertThat(SecretMask.maskObject(git)).isEqualTo(
                Map.of("metadata", Map.of("annotations", Map.of("team", "shop", LAST_APPLIED, SecretMask.MASK))));
    }

    @Test
    void masksAWholeSecretForLogsAndLeavesTheInputAlone() {
        Map<String, Object> live = json("""
                {"apiVersion": "v1", "kind": "Secret",
                 "metadata": {"name": "db", "annotations": {"%s": "%s", "team": "shop"}},
                 "type": "Opaque",
                 "data": {"password": "%s"},
                 "stringData": {"token": "%s"}}
                """.formatted(LAST_APPLIED, PLANTED, base64(PLANTED), EDITED));

        Map<String, Object> masked = SecretMask.maskObject(live);

        assertNoSecretIn(masked.toString());
        assertThat(masked).containsEntry("data", Map.of("password", "***"))
                .containsEntry("stringData", Map.of("token", "***"))
                .containsEntry("type", "Opaque");
        assertThat(masked.get("metadata")).isEqualTo(Map.of("name", "db",
                "annotations", Map.of(LAST_APPLIED, "***", "team", "shop")));
        assertThat(live.get("data")).isEqualTo(Map.of("password", base64(PLANTED)));
    }

    @Test
    void dataOfOtherKindsIsNotMasked() {
        Map<String, Object> configMap = json("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {\"greeting\": \"hello\"}}");

        assertThat(SecretMask.maskObject(configMap)).isEqualTo(configMap);
    }
}
