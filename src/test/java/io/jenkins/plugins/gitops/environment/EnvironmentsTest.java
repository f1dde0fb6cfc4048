package io.jenkins.plugins.gitops.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {

    private static final String URL = "https://git.example.com/config.git";

    @Test
    void findsEnvironmentsByNameInConfiguredOrder() {
        Environments environments = Environments.parse(List.of(input("staging"), input("prod")));

        assertThat(environments.find("prod")).map(Environment::name).hasValue("prod");
        assertThat(environments.find("dev")).isEmpty();
        assertThat(environments.find(null)).isEmpty();
        assertThat(environments).extracting(Environment::name).containsExactly("staging", "prod");
        assertThat(environments.size()).isEqualTo(2);
    }

    @Test
    void refusesTheSameNameTwiceNamingTheNameField() {
        assertThatThrownBy(() -> Environments.parse(List.of(input("prod"), input("staging"), input(" prod "))))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem(EnvironmentField.NAME,
                                "environment name 'prod' is used by 2 environments; names must be unique")));
    }

    @Test
    void refusesDuplicatesAmongValidatedEnvironmentsToo() {
        Environment prod = input("prod").toEnvironment();

        assertThatThrownBy(() -> Environments.of(List.of(prod, prod)))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("'prod' is used by 2 environments");
    }

    @Test
    void saysWhichEnvironmentAProblemIsAbout() {
        List<EnvironmentInput> inputs = List.of(
                input("prod"),
                new EnvironmentInput("staging", URL, "a..b", null, null, null),
                new EnvironmentInput("", URL, null, null, null, null));

        assertThatThrownBy(() -> Environments.parse(inputs))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::toString)
                        .containsExactly(
                                "branch: environment 'staging': branch 'a..b' is not a valid git branch name:"
                                        + " it must not contain '..'",
                                "name: environment #3: name must not be empty"));
    }

    @Test
    void aSigningMistakeIsOneLineNamingTheEnvironmentAndTheField() {
        List<EnvironmentInput> inputs = List.of(
                new EnvironmentInput("prod", URL, null, null, null, null, "signing-key", "SSH"));

        assertThatThrownBy(() -> Environments.parse(inputs))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::toString)
                        .containsExactly("signingFormat: environment 'prod': signing format 'SSH' is not one of ssh, openpgp"));
    }

    @Test
    void isImmutable() {
        Environments environments = Environments.parse(List.of(input("prod")));

        assertThatThrownBy(() -> environments.asList().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
            var iterator = environments.iterator();
            iterator.next();
            iterator.remove();
        }).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Environments.NONE.isEmpty()).isTrue();
    }

    private static EnvironmentInput input(String name) {
        return new EnvironmentInput(name, URL, null, null, null, null);
    }
}
