package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectTreeTest {

    @Test
    void numbersFromYamlAndJsonAreTheSameValue() {
        assertThat(ObjectTree.same(Map.of("n", 3), Map.of("n", 3L))).isTrue();
        assertThat(ObjectTree.same(List.of(1.5), List.of(1.50d))).isTrue();
        assertThat(ObjectTree.same(BigInteger.TEN, 10)).isTrue();
        assertThat(ObjectTree.same(3, "3")).isFalse();
    }

    @Test
    void liveCoversDesiredWhenEveryDesiredFieldHasItsValue() {
        Map<String, Object> desired = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))));
        Map<String, Object> live = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80L, "protocol", "TCP")),
                "clusterIP", "10.0.0.1"));

        assertThat(ObjectTree.covers(live, desired)).isTrue();
    }

    @Test
    void liveDoesNotCoverAChangedValueOrAnExtraListElement() {
        Map<String, Object> desired = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))));

        assertThat(ObjectTree.covers(Map.of("spec", Map.of("ports", List.of(Map.of("port", 81)))), desired)).isFalse();
        assertThat(ObjectTree.covers(Map.of("spec", Map.of("ports", List.of(Map.of("port", 80), Map.of("port", 443)))),
                desired)).isFalse();
        assertThat(ObjectTree.covers(Map.of(), desired)).isFalse();
    }
}
