package io.jenkins.plugins.gitops.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void defaultsTheBranchToMainAndDropsBlankCredentialIds() {
        Environment environment = new Environment(" staging ", " git@git.example.com:org/config.git ", " ",
                null, "", "  ");

        assertThat(environment.name()).isEqualTo("staging");
        assertThat(environment.repositoryUrl()).isEqualTo("git@git.example.com:org/config.git");
        assertThat(environment.branch()).isEqualTo("main");
        assertThat(environment.path()).isEqualTo(RepositoryPath.ROOT);
        assertThat(environment.gitCredentialsId()).isNull();
        assertThat(environment.reportSecretCredentialsId()).isNull();
    }

    @Test
    void refusesInvalidSettingsNamingEveryField() {
        assertThatThrownBy(() -> new Environment("Prod", "ftp://x/y", "a..b", RepositoryPath.ROOT, null, null))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> {
                    assertThat(e.problems())
                            .extracting(FieldProblem::field)
                            .containsExactly(EnvironmentField.NAME, EnvironmentField.REPOSITORY_URL, EnvironmentField.BRANCH);
                    assertThat(e).hasMessageStartingWith("name 'Prod' must use only lowercase letters")
                            .hasMessageEndingWith("(and 2 more)");
                });
    }

    @Test
    void inputBecomesAnEnvironmentWithItsPathParsed() {
        EnvironmentInput input = new EnvironmentInput("prod", "https://git.example.com/config.git", "release",
                "./apps/web/", "git-push", "prod-report");

        assertThat(input.problems()).isEmpty();
        assertThat(input.toEnvironment()).isEqualTo(new Environment("prod", "https://git.example.com/config.git",
                "release", RepositoryPath.parse("apps/web"), "git-push", "prod-report"));
    }

    @Test
    void inputReportsAPathOutsideTheRepositoryOnThePathField() {
        EnvironmentInput input = new EnvironmentInput("prod", "https://git.example.com/config.git", null,
                "../secrets", null, null);

        assertThat(input.problems())
                .containsExactly(new FieldProblem(EnvironmentField.PATH, "path '../secrets' leaves the repository"));
        assertThatThrownBy(input::toEnvironment)
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessage("path '../secrets' leaves the repository");
    }

    private static EnvironmentInput signing(String credentialsId, String format) {
        return new EnvironmentInput("prod", "https://git.example.com/config.git", null, null, null, null, credentialsId, format);
    }

    @Test
    void aSigningCredentialWithItsFormatMakesAnEnvironmentThatSignsItsCommits() {
        Environment environment = signing(" jenkins-signing ", " openpgp ").toEnvironment();

        assertThat(environment.signsCommits()).isTrue();
        assertThat(environment.signingCredentialsId()).isEqualTo("jenkins-signing");
        assertThat(environment.signingFormat()).isEqualTo("openpgp");
        assertThat(signing(" ", "").toEnvironment().signsCommits()).isFalse();
    }

    @Test
    void anUnknownSigningFormatIsReportedInOneLineOnTheFormatField() {
        assertThat(signing("jenkins-signing", "gpg").problems()).containsExactly(new FieldProblem(EnvironmentField.SIGNING_FORMAT,
                "signing format 'gpg' is not one of ssh, openpgp"));
        assertThat(EnvironmentField.SIGNING_FORMAT.problemWith("x509")).hasValue("signing format 'x509' is not one of ssh, openpgp");
        assertThat(EnvironmentField.SIGNING_FORMAT.problemWith(" ssh ")).isEmpty();
    }

    @Test
    void aSigningCredentialWithoutFormatOrAFormatWithoutCredentialIsRefusedNotIgnored() {
        assertThat(signing("jenkins-signing", " ").problems()).containsExactly(new FieldProblem(EnvironmentField.SIGNING_FORMAT,
                "signing credential 'jenkins-signing' needs a signing format, one of ssh, openpgp"));
        assertThat(signing(null, "ssh").problems()).containsExactly(new FieldProblem(EnvironmentField.SIGNING_CREDENTIALS_ID,
                "signing format 'ssh' needs a signing credential: an SSH private key for ssh, a secret file with an armored"
                        + " OpenPGP private key for openpgp"));
        assertThatThrownBy(() -> new Environment("prod", "https://git.example.com/config.git", null, null, null, null, "key", null))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessage("signing credential 'key' needs a signing format, one of ssh, openpgp");
    }
}
