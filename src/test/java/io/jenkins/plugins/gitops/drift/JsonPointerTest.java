package io.jenkins.plugins.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPointerTest {

    @Test
    void unescapesTildeAndSlashAsRfc6901Says() {
        JsonPointer pointer = JsonPointer.parse("/metadata/annotations/example.com~1restarted~0at/~01");

        assertThat(pointer.segments()).containsExactly("metadata", "annotations", "example.com/restarted~at", "~1");
        assertThat(pointer).hasToString("/metadata/annotations/example.com~1restarted~0at/~01");
    }

    @Test
    void emptyTextIsTheWholeDocument() {
        assertThat(JsonPointer.parse("")).isEqualTo(JsonPointer.ROOT);
        assertThat(JsonPointer.parse("/").segments()).containsExactly("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec/replicas", "/spec/a~2b", "/spec/trailing~"})
    void refusesMalformedPointersNamingThem(String text) {
        assertThatThrownBy(() -> JsonPointer.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void ordersIndicesNumerically() {
        List<String> sorted = Stream.of("/c/10", "/c/x", "/c/2", "/b", "/c/2/image", "/c")
                .map(JsonPointer::parse)
                .sorted()
                .map(JsonPointer::toString)
                .toList();

        assertThat(sorted).containsExactly("/b", "/c", "/c/2", "/c/2/image", "/c/10", "/c/x");
    }

    @Test
    void aPointerIsPrefixOfItselfAndWhatIsUnderIt() {
        JsonPointer replicas = JsonPointer.parse("/spec/replicas");

        assertThat(replicas.isPrefixOf(JsonPointer.parse("/spec/replicas"))).isTrue();
        assertThat(replicas.isPrefixOf(JsonPointer.parse("/spec/replicas/x"))).isTrue();
        assertThat(replicas.isPrefixOf(JsonPointer.parse("/spec/replicasX"))).isFalse();
        assertThat(replicas.isPrefixOf(JsonPointer.parse("/spec"))).isFalse();
    }
}
