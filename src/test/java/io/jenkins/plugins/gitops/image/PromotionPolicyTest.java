package io.jenkins.plugins.gitops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static void assertRefused(PromotionPolicy policy, String image, PolicyViolation.Rule rule, String message) {
        assertThatThrownBy(() -> policy.check(ImageReference.parse(image)))
                .isInstanceOfSatisfying(PolicyViolation.class, violation -> {
                    assertThat(violation.rule()).isEqualTo(rule);
                    assertThat(violation.image()).isEqualTo(image);
                })
                .hasMessage(message);
    }

    @Test
    void refusesLatestTagByDefault() {
        assertRefused(PromotionPolicy.DEFAULT, "acme/web:latest", PolicyViolation.Rule.PINNED_VERSION,
                "image 'acme/web:latest' breaks the promotion rule 'pinned version': the tag 'latest' moves");
    }

    @Test
    void refusesImagesWithNeitherTagNorDigestByDefault() {
        assertRefused(PromotionPolicy.DEFAULT, "registry.example.com/acme/web", PolicyViolation.Rule.PINNED_VERSION,
                "image 'registry.example.com/acme/web' breaks the promotion rule 'pinned version': it has neither tag nor digest");
    }

    @Test
    void acceptsPinnedTagsAndDigestsByDefault() {
        assertThatCode(() -> PromotionPolicy.DEFAULT.check(ImageReference.parse("acme/web:1.4.2"))).doesNotThrowAnyException();
        assertThatCode(() -> PromotionPolicy.DEFAULT.check(ImageReference.parse("acme/web@" + DIGEST))).doesNotThrowAnyException();
        assertThatCode(() -> PromotionPolicy.DEFAULT.check(ImageReference.parse("acme/web:latest@" + DIGEST)))
                .as("a digest pins even the latest tag")
                .doesNotThrowAnyException();
    }

    @Test
    void allowsLatestWhenPinningIsOff() {
        PromotionPolicy relaxed = new PromotionPolicy(false, Set.of(), false);
        assertThatCode(() -> relaxed.check(ImageReference.parse("acme/web:latest"))).doesNotThrowAnyException();
        assertThatCode(() -> relaxed.check(ImageReference.parse("acme/web"))).doesNotThrowAnyException();
    }

    @Test
    void refusesRegistriesOutsideTheAllowedOnes() {
        PromotionPolicy policy = new PromotionPolicy(true, Set.of("Registry.Example.com", "localhost:5000"), false);
        assertThatCode(() -> policy.check(ImageReference.parse("registry.example.com/acme/web:1"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(ImageReference.parse("localhost:5000/web:1"))).doesNotThrowAnyException();
        assertRefused(policy, "localhost:5001/web:1", PolicyViolation.Rule.ALLOWED_REGISTRY,
                "image 'localhost:5001/web:1' breaks the promotion rule 'allowed registries': "
                        + "registry 'localhost:5001' is not one of [localhost:5000, registry.example.com]");
        assertRefused(policy, "acme/web:1", PolicyViolation.Rule.ALLOWED_REGISTRY,
                "image 'acme/web:1' breaks the promotion rule 'allowed registries': "
                        + "registry 'docker.io' is not one of [localhost:5000, registry.example.com]");
    }

    @Test
    void dockerHubMayBeAllowedUnderEitherName() {
        PromotionPolicy policy = new PromotionPolicy(true, Set.of("index.docker.io"), false);
        assertThat(policy.allowedRegistries()).containsExactly("docker.io");
        assertThatCode(() -> policy.check(ImageReference.parse("nginx:1.27"))).doesNotThrowAnyException();
    }

    @Test
    void anyRegistryIsAllowedWhenNoneIsListed() {
        assertThatCode(() -> PromotionPolicy.DEFAULT.check(ImageReference.parse("quay.io/acme/web:1"))).doesNotThrowAnyException();
    }

    @Test
    void refusesTagsAloneWhenDigestsAreRequired() {
        PromotionPolicy policy = new PromotionPolicy(true, Set.of(), true);
        assertRefused(policy, "acme/web:1.4.2", PolicyViolation.Rule.DIGEST_REQUIRED,
                "image 'acme/web:1.4.2' breaks the promotion rule 'digest required': it has no digest");
        assertThatCode(() -> policy.check(ImageReference.parse("acme/web:1.4.2@" + DIGEST))).doesNotThrowAnyException();
    }

    @Test
    void refusesAllowedRegistriesThatAreNotHosts() {
        assertThatThrownBy(() -> new PromotionPolicy(true, Set.of("registry.example.com/team"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed registry 'registry.example.com/team' must be a host name with an optional port, "
                        + "such as registry.example.com:5000");
        assertThatThrownBy(() -> new PromotionPolicy(true, Set.of("bad host"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad host");
    }
}
