package io.jenkins.plugins.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "500m, 0.5", "1000m, 1", "1Gi, 1024Mi", "0.5Gi, 512Mi", "1k, 1000", "1e3, 1k", "1E, 1e18",
        "100Mi, 104857600", "250000u, 250m", "+2, 2"
    })
    void equalAmountsInAnyForm(String left, String right) {
        assertThat(Quantity.sameAmount(left, right)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"1Gi, 1G", "500m, 5", "1Ki, 1k", "web, web", "1 Gi, 1Gi"})
    void differentAmountsOrNoQuantity(String left, String right) {
        assertThat(Quantity.sameAmount(left, right)).isFalse();
    }
}
