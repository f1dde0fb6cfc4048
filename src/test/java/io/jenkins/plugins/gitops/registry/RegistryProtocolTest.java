package io.jenkins.plugins.gitops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header grammars and Docker Hub's conventions, without a registry. */
class RegistryProtocolTest {

    @Test
    void bearerChallengeGivesRealmServiceAndScope() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"")
                .orElseThrow();
        assertThat(challenge.scheme()).isEqualTo("bearer");
        assertThat(challenge.parameter("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(challenge.parameter("service")).isEqualTo("registry.docker.io");
        assertThat(challenge.parameter("scope")).isEqualTo("repository:library/nginx:pull");
    }

    @Test
    void basicChallengeAndUnquotedOrEscapedValues() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"a \\\"quoted\\\" realm\", charset=UTF-8").orElseThrow();
        assertThat(challenge.scheme()).isEqualTo("basic");
        assertThat(challenge.parameters()).containsEntry("realm", "a \"quoted\" realm").containsEntry("charset", "UTF-8");
    }

    @Test
    void nextPageLinkIsResolvedAgainstThePage() {
        URI page = URI.create("https://ghcr.io/v2/acme/web/tags/list?n=100");
        assertThat(LinkHeader.next(page, List.of("</v2/acme/web/tags/list?last=1.4&n=100>; rel=\"next\"")))
                .contains(URI.create("https://ghcr.io/v2/acme/web/tags/list?last=1.4&n=100"));
        assertThat(LinkHeader.next(page, List.of("<https://x.example/p2>; rel=prev, <https://x.example/p3>; rel=\"next\"")))
                .contains(URI.create("https://x.example/p3"));
        assertThat(LinkHeader.next(page, List.of())).isEmpty();
    }

    @Test
    void dockerHubImagesAreReadFromRegistryOneUnderLibrary() {
        RegistryRepository nginx = RegistryRepository.of(ImageReference.parse("nginx"), false);
        assertThat(nginx.base()).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(nginx.path()).isEqualTo("library/nginx");
        assertThat(RegistryRepository.of(ImageReference.parse("docker.io/acme/web"), false).uri("/tags/list"))
                .isEqualTo(URI.create("https://registry-1.docker.io/v2/acme/web/tags/list"));
    }

    @Test
    void loopbackRegistriesArePlainHttpUnlessAPrivateCaIsTrusted() {
        assertThat(RegistryRepository.of(ImageReference.parse("127.0.0.1:5000/shop/web"), false).base())
                .isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(RegistryRepository.of(ImageReference.parse("localhost:5000/shop/web"), true).base())
                .isEqualTo(URI.create("https://localhost:5000"));
        assertThat(RegistryRepository.of(ImageReference.parse("registry.example.com/shop/web"), false).base())
                .isEqualTo(URI.create("https://registry.example.com"));
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertThat(new RegistryCredentials("ci", "hunter2")).hasToString("user 'ci'");
    }
}
