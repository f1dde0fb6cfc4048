package io.jenkins.plugins.gitops.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentFieldTest {

    @Test
    void formNamesAreTheFieldNamesOfTheFormAndConfigurationAsCode() {
        assertThat(EnvironmentField.values())
                .extracting(EnvironmentField::formName)
                .containsExactly("name", "repositoryUrl", "branch", "path", "signingCredentialsId", "signingFormat");
    }

    @Nested
    class Name {

        @ParameterizedTest
        @ValueSource(strings = {"prod", "staging-eu-1", "a", "0", " prod "})
        void acceptsDnsLabels(String name) {
            assertThat(EnvironmentField.NAME.problemWith(name)).isEmpty();
        }

        @Test
        void acceptsSixtyThreeCharactersAndNoMore() {
            assertThat(EnvironmentField.NAME.problemWith("a".repeat(63))).isEmpty();
            assertThat(EnvironmentField.NAME.problemWith("a".repeat(64)))
                    .hasValueSatisfying(message -> assertThat(message).contains("64 characters", "at most 63"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Prod", "prod_eu", "-prod", "prod-", "prod.eu", "prod/eu", "pröd", "prod eu"})
        void refusesWhatIsNotUrlSafe(String name) {
            assertThat(EnvironmentField.NAME.problemWith(name))
                    .hasValueSatisfying(message -> assertThat(message)
                            .startsWith("name '" + name + "'")
                            .contains("lowercase letters, digits and '-'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void refusesAnEmptyName(String name) {
            assertThat(EnvironmentField.NAME.problemWith(name)).hasValue("name must not be empty");
            assertThat(EnvironmentField.NAME.problemWith(null)).hasValue("name must not be empty");
        }

        @Test
        void keepsTheMessageOnOneLine() {
            assertThat(EnvironmentField.NAME.problemWith("prod\nINFO: forged log line"))
                    .hasValueSatisfying(message -> assertThat(message).doesNotContain("\n"));
        }
    }

    @Nested
    class RepositoryUrl {

        @ParameterizedTest
        @ValueSource(strings = {
            "https://git.example.com/org/config.git",
            "http://127.0.0.1:8080/config.git",
            "https://token@git.example.com/org/config.git",
            "ssh://git@git.example.com:2222/org/config.git",
            "ssh://[::1]/srv/config.git",
            "git://git.example.com/config.git",
            "file:///srv/git/config.git",
            "git@github.com:org/config.git",
            "github.com:org/config.git",
            "git@[::1]:config.git"
        })
        void acceptsTheUrlsGitAccepts(String url) {
            assertThat(EnvironmentField.REPOSITORY_URL.problemWith(url)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "https://alice:s3cr3t@git.example.com/org/config.git",
            "ssh://git:s3cr3t@git.example.com/config.git",
            "alice:s3cr3t@git.example.com:org/config.git"
        })
        void refusesAnEmbeddedPasswordWithoutRepeatingIt(String url) {
            assertThat(EnvironmentField.REPOSITORY_URL.problemWith(url))
                    .hasValueSatisfying(message -> assertThat(message)
                            .contains("embeds a password", "plain text", "Git credentials")
                            .doesNotContain("s3cr3t"));
        }

        @Test
        void masksAPasswordWhenTheUrlIsWrongForAnotherReason() {
            assertThat(EnvironmentField.REPOSITORY_URL.problemWith("https://alice:s3cr3t@/config.git"))
                    .hasValueSatisfying(message -> assertThat(message)
                            .contains("alice:***@")
                            .doesNotContain("s3cr3t"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "ftp://git.example.com/config.git | scheme 'ftp' is not supported; use https, http, ssh, git or file",
            "HTTPS://git.example.com/c.git    | scheme 'HTTPS' must be written in lowercase",
            "https://git.example.com          | names no repository after the host",
            "https://git.example.com/         | names no repository after the host",
            "https:///config.git              | has no valid host",
            "https://exa mple.com/config.git  | must not contain spaces",
            "file:///                         | needs an absolute path",
            "file://server                    | needs an absolute path",
            "/srv/git/config.git              | is neither an https, http, ssh, git or file URL nor scp-like",
            "config                           | is neither an https, http, ssh, git or file URL nor scp-like",
            "git@github.com:                  | names no repository after ':'",
            "file:/srv/git/config.git         | lacks '//' after 'file:'",
            "https://git.example.com/a b.git  | must not contain spaces",
            "https://git.example.com/%zz.git  | is malformed: Malformed escape pair at index"
        })
        void refusesMalformedUrlsSayingWhy(String url, String reason) {
            assertThat(EnvironmentField.REPOSITORY_URL.problemWith(url))
                    .hasValueSatisfying(message -> assertThat(message).startsWith("repository URL").contains(reason));
        }

        @Test
        void refusesAnEmptyUrl() {
            assertThat(EnvironmentField.REPOSITORY_URL.problemWith(" ")).hasValue("repository URL must not be empty");
        }
    }

    @Nested
    class Branch {

        @ParameterizedTest
        @ValueSource(strings = {"main", "release/2026.1", "feature/JIRA-12_x", "v1.0", "gitops/prod/job-12", "a@b"})
        void acceptsGitBranchNames(String branch) {
            assertThat(EnvironmentField.BRANCH.problemWith(branch)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void blankMeansTheDefaultBranch(String branch) {
            assertThat(EnvironmentField.BRANCH.problemWith(branch)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "refs/heads/main    | without 'refs/heads/'",
            "HEAD               | 'HEAD' is reserved",
            "@                  | '@' is reserved",
            "-main              | must not start with '-'",
            "feature x          | must not contain spaces",
            "feature~1          | must not contain '~'",
            "feature^           | must not contain '^'",
            "a:b                | must not contain ':'",
            "what?              | must not contain '?'",
            "wild*              | must not contain '*'",
            "[x                 | must not contain '['",
            "back\\slash        | must not contain '\\'",
            "a..b               | must not contain '..'",
            "a@{1}              | must not contain '@{'",
            "a//b               | must not contain '//'",
            "/main              | must not start or end with '/'",
            "main/              | must not start or end with '/'",
            "main.              | must not end with '.'",
            ".hidden            | no part between '/' may start with '.'",
            "team/.hidden       | no part between '/' may start with '.'",
            "main.lock          | no part between '/' may end with '.lock'",
            "team.lock/main     | no part between '/' may end with '.lock'"
        })
        void refusesWhatGitRefuses(String branch, String reason) {
            assertThat(EnvironmentField.BRANCH.problemWith(branch))
                    .hasValueSatisfying(message -> assertThat(message)
                            .startsWith("branch '" + branch + "' is not a valid git branch name: ")
                            .contains(reason));
        }

        @Test
        void refusesControlCharactersWithoutEchoingThem() {
            assertThat(EnvironmentField.BRANCH.problemWith("main\u0007"))
                    .hasValue("branch must not contain control characters");
        }
    }

    @Nested
    class PathInRepository {

        @ParameterizedTest
        @ValueSource(strings = {"", ".", "apps/web/overlays/prod", "./apps/web/"})
        void acceptsDirectoriesInsideTheRepository(String path) {
            assertThat(EnvironmentField.PATH.problemWith(path)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "../other     | leaves the repository",
            "/etc         | must be relative to the repository root",
            ".git/hooks   | points into the .git directory"
        })
        void refusesPathsOutsideTheRepository(String path, String reason) {
            assertThat(EnvironmentField.PATH.problemWith(path))
                    .hasValueSatisfying(message -> assertThat(message).startsWith("path '" + path + "'").contains(reason));
        }
    }
}
