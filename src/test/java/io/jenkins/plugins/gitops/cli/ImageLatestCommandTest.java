package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.testing.LoopbackRegistry;
import io.jenkins.plugins.gitops.testing.RegistryImages;
import io.jenkins.plugins.gitops.testing.RegistryTokenService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image latest} over Debian's docker-registry on loopback, one policy per run, as a person types it. */
class ImageLatestCommandTest {

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    static Path work;

    static LoopbackRegistry open;
    static String image;
    static String digestOf142;

    @BeforeAll
    static void pushImages() {
        open = LoopbackRegistry.start(work.resolve("storage"), work.resolve("open"), new LoopbackRegistry.Anonymous(), false);
        RegistryImages images = new RegistryImages(open.baseUrl());
        images.push("shop/web", "1.3.0", BASE);
        digestOf142 = images.push("shop/web", "1.4.2", BASE.plusSeconds(1));
        images.push("shop/web", "1.5.0-rc.1", BASE.plusSeconds(2));
        images.push("shop/web", "2.0.0", BASE.plusSeconds(3));
        images.push("shop/web", "main-1700000100-def5678", BASE.plusSeconds(4));
        images.push("shop/web", "main-999-0123456", BASE.plusSeconds(5));
        images.push("shop/web", "hotfix", BASE.plus(Duration.ofDays(1)));
        image = open.host() + "/shop/web";
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static CliRun latest(String... options) {
        List<String> args = new ArrayList<>(List.of("image", "latest"));
        args.addAll(List.of(options));
        return CliRun.main(args.toArray(String[]::new));
    }

    @Test
    void printsTheReferenceEachPolicyChooses() {
        assertThat(latest("--image", image, "--semver", ">=1.4 <2").out()).isEqualTo(image + ":1.4.2\n");
        assertThat(latest("--image", image, "--semver", ">=1.4 <2", "--prereleases").out()).isEqualTo(image + ":1.5.0-rc.1\n");
        assertThat(latest("--image", image, "--filter", "^main-(?<ts>[0-9]+)-", "--extract", "$ts", "--order", "numeric").out())
                .isEqualTo(image + ":main-1700000100-def5678\n");
        assertThat(latest("--image", image, "--filter", "^main-(?<ts>[0-9]+)-", "--extract", "$ts", "--order", "alphabetical").out())
                .isEqualTo(image + ":main-999-0123456\n");
        assertThat(latest("--image", image, "--newest-build").out()).isEqualTo(image + ":hotfix\n");
        assertThat(latest("--image", image, "--semver", "^1", "--digest").out()).isEqualTo(image + ":1.4.2@" + digestOf142 + "\n");
    }

    @Test
    void jsonNamesImageTagDigestAndHowManyTagsWereConsidered() throws IOException {
        CliRun run = latest("--image", image, "--semver", "^1.4", "--digest", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode printed = new ObjectMapper().readTree(run.out());
        assertThat(printed.path("image").asText()).isEqualTo(image + ":1.4.2@" + digestOf142);
        assertThat(printed.path("tag").asText()).isEqualTo("1.4.2");
        assertThat(printed.path("digest").asText()).isEqualTo(digestOf142);
        assertThat(printed.path("considered").asInt()).isEqualTo(7);
        assertThat(new ObjectMapper().readTree(latest("--image", image, "--semver", "^1.4", "--json").out()).path("digest").isNull())
                .isTrue();
    }

    @Test
    void noMatchingTagExitsTwoWithOneLineNamingThePolicyAndTheTagsSeen() {
        CliRun run = latest("--image", image, "--semver", ">=3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("image latest: no tag of " + image + " matches semver '>=3' (7 tags seen)\n");
    }

    @Test
    void badPolicyOrImageExitsTwoWithOneLine() {
        CliRun none = latest("--image", image);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("image latest: no policy: give a semver range, a filter with an order, or newest build\n");

        CliRun tagged = latest("--image", image + ":1.4.2", "--semver", "^1");
        assertThat(tagged.exitCode()).isEqualTo(2);
        assertThat(tagged.err()).isEqualTo("image latest: image '" + image + ":1.4.2' names a version; give the repository alone, such as "
                + image + "\n");
    }

    @Test
    void credentialFilesAndAPrivateCaReachATokenAuthenticatedHttpsRegistry() throws IOException {
        try (RegistryTokenService tokens = RegistryTokenService.start(work.resolve("tokens"), "ci", "t0ken-pass");
                LoopbackRegistry secured = LoopbackRegistry.start(work.resolve("storage"), work.resolve("token"),
                        new LoopbackRegistry.Token(tokens.realm(), RegistryTokenService.SERVICE, RegistryTokenService.ISSUER,
                                tokens.certificate()), true)) {
            Path username = Files.writeString(work.resolve("user"), "ci\n");
            Path password = Files.writeString(work.resolve("password"), "t0ken-pass\n");
            String securedImage = secured.host() + "/shop/web";

            CliRun run = latest("--image", securedImage, "--semver", "^1.4", "--digest", "--username-file", username.toString(),
                    "--password-file", password.toString(), "--ca-file", secured.caCertificate().toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo(securedImage + ":1.4.2@" + digestOf142 + "\n");

            CliRun anonymous = latest("--image", securedImage, "--semver", "^1.4", "--ca-file", secured.caCertificate().toString());
            assertThat(anonymous.exitCode()).isEqualTo(1);
            assertThat(anonymous.err()).startsWith("image latest: token service 127.0.0.1 answered 401 for anonymous")
                    .doesNotContain("t0ken-pass");
        }
    }
}
