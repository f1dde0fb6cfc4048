package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class PlainScalarsTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1.2.3", "1.2.3", "latest", "1.0-rc.1", "sha256:0123abcd", "acme/web:1.0", "_x", "a=b", "1e3x"})
    void writesVersionLikeStringsPlain(String value) {
        assertThat(PlainScalars.readBackAsString(value)).isTrue();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        assertThat((Object) yaml.load("k: " + value)).isEqualTo(Map.of("k", value));
        assertThat((Object) yaml.load("[" + value + "]")).isEqualTo(List.of(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.10", "10", "0x1F", "1_000", "1:20", "1e3", "true", "on", "No", "y", "N", "null",
        "2024-01-01", "[::1]:5000/web", "-1", ".5", "a:", "a b", "a#b"})
    void quotesStringsThatWouldReadBackAsSomethingElse(String value) {
        assertThat(PlainScalars.readBackAsString(value)).isFalse();
    }
}
