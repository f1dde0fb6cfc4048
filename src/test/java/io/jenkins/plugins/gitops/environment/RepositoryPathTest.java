package io.jenkins.plugins.gitops.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPathTest {

    @Test
    void normalisesHowPeopleWritePaths() {
        assertThat(RepositoryPath.parse("./apps//web/").value()).isEqualTo("apps/web");
        assertThat(RepositoryPath.parse("apps\\web\\prod").value()).isEqualTo("apps/web/prod");
        assertThat(RepositoryPath.parse("apps/web/../api").value()).isEqualTo("apps/api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "./", "apps/.."})
    void blankOrDotIsTheRepositoryRoot(String text) {
        assertThat(RepositoryPath.parse(text).isRoot()).isTrue();
        assertThat(RepositoryPath.parse(text)).hasToString(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../other", "apps/../../etc", "/etc/passwd", "C:\\config", ".git/hooks"})
    void refusesPathsOutsideTheRepository(String text) {
        assertThatThrownBy(() -> RepositoryPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void resolvesInsideACheckout() {
        Path root = Path.of("checkout");
        assertThat(RepositoryPath.parse("apps/web").resolveIn(root)).isEqualTo(root.resolve("apps/web"));
        assertThat(RepositoryPath.ROOT.resolveIn(root)).isEqualTo(root);
    }
}
