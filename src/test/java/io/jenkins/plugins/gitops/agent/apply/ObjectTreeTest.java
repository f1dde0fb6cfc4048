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

    @Test
    void aQuantityIsCoveredByTheSameAmountInTheServersCanonicalForm() {
        assertThat(ObjectTree.covers("500m", 0.5)).isTrue();
        assertThat(ObjectTree.covers("1", 1)).isTrue();
        assertThat(ObjectTree.covers("1Gi", "1024Mi")).isTrue();
        assertThat(ObjectTree.covers("1536Mi", "1.5Gi")).isTrue();
        assertThat(ObjectTree.covers("2k", "2e3")).isTrue();
        assertThat(ObjectTree.covers("750m", 0.5)).isFalse();
        assertThat(ObjectTree.covers("1.1", "1.10")).as("not a form the server writes").isFalse();
    }

    @Test
    void anEmptyMapOrListIsCoveredByItsAbsence() {
        assertThat(ObjectTree.covers(Map.of("spec", Map.of()), Map.of("spec", Map.of("tolerations", List.of(), "labels", Map.of()))))
                .isTrue();
        assertThat(ObjectTree.covers(Map.of(), Map.of("spec", Map.of("tolerations", List.of(Map.of("key", "a")))))).isFalse();
    }
}
