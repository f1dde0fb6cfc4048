package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretDataTest {

    @Test
    void stringDataIsFoldedIntoDataAsTheServerStoresItAndWins() {
        Map<String, Object> secret = new LinkedHashMap<>(Map.of(
                "kind", "Secret",
                "data", Map.of("user", "YWRtaW4=", "token", "b2xk"),
                "stringData", Map.of("token", "new")));

        Map<String, Object> stored = SecretData.asStored(ResourceId.of("v1", "Secret", "shop", "s"), secret);

        assertThat(stored).doesNotContainKey("stringData");
        assertThat(stored.get("data")).isEqualTo(Map.of("user", "YWRtaW4=", "token", "bmV3"));
    }

    @Test
    void otherKindsAreLeftAlone() {
        Map<String, Object> custom = new LinkedHashMap<>(Map.of("stringData", Map.of("a", "b")));

        assertThat(SecretData.asStored(new ResourceId("example.com", "Secret", "shop", "s"), custom))
                .containsOnlyKeys("stringData");
    }
}
