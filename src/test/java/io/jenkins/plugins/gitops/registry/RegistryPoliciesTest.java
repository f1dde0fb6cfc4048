package io.jenkins.plugins.gitops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.testing.LoopbackRegistry;
import io.jenkins.plugins.gitops.testing.PagingRegistryProxy;
import io.jenkins.plugins.gitops.testing.RegistryImages;
import io.jenkins.plugins.gitops.testing.RegistryTokenService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies and the registry client over Debian's docker-registry on loopback: images pushed by the test, read
 * anonymously, with basic authentication, and with bearer tokens from a token service over HTTPS with a private CA.
 */
class RegistryPoliciesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path work;

    static LoopbackRegistry open;
    static RegistryImages images;
    static String webDigest;
    static String indexDigest;

    @BeforeAll
    static void pushImages() {
        open = LoopbackRegistry.start(work.resolve("storage"), work.resolve("open"), new LoopbackRegistry.Anonymous(), false);
        images = new RegistryImages(open.baseUrl());
        String[] versions = {"1.3.0", "1.4.0", "1.4.2", "1.10.0", "1.11.0-rc.1", "2.0.0", "latest", "v1.9.1"};
        for (int i = 0; i < versions.length; i++) {
            String digest = images.push("shop/web", versions[i], BASE.plusSeconds(i));
            if (versions[i].equals("1.10.0")) {
                webDigest = digest;
            }
        }
        images.push("shop/web", "main-1700000000-abc1234", BASE);
        images.push("shop/web", "main-1700000100-def5678", BASE);
        images.push("shop/web", "main-999-0123456", BASE);
        images.push("shop/web", "nightly-a", BASE.plus(Duration.ofDays(3)));
        images.push("shop/web", "nightly-b", BASE.plus(Duration.ofDays(1)));
        images.push("shop/web", "nightly-c", BASE.plus(Duration.ofDays(2)));
        String multiArch = images.push("shop/web", "multi-image", BASE.plus(Duration.ofDays(9)));
        indexDigest = images.pushIndex("shop/web", "multi", multiArch, images.manifest("shop/web", multiArch).length);
        String build = images.push("shop/many", "build-000", BASE);
        byte[] manifest = images.manifest("shop/many", build);
        IntStream.range(1, 300).forEach(i -> images.putManifest("shop/many", "build-%03d".formatted(i),
                RegistryImages.OCI_MANIFEST, new String(manifest, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static ImageSelection select(String host, TagPolicy policy, boolean digest) throws Exception {
        RegistryClient client = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), TIMEOUT);
        return new ImageSelector(client).select(ImageReference.parse(host + "/shop/web"), policy, digest);
    }

    @Test
    void semverRangeChoosesTheHighestVersionInsideItAndSkipsPrereleases() throws Exception {
        ImageSelection chosen = select(open.host(), new TagPolicy(">=1.4 <2", false, "", "", null, false), false);

        assertThat(chosen.image()).hasToString(open.host() + "/shop/web:1.10.0");
        assertThat(chosen.considered()).isEqualTo(16);
    }

    @Test
    void semverRangeWithPrereleasesMayChooseAReleaseCandidate() throws Exception {
        assertThat(select(open.host(), new TagPolicy("^1.4", true, "", "", null, false), false).tag()).isEqualTo("1.11.0-rc.1");
    }

    @Test
    void regexFilterOrdersTheExtractedTimestampNumericallyOrAlphabetically() throws Exception {
        String filter = "^main-(?<ts>[0-9]+)-[0-9a-f]{7}$";
        assertThat(select(open.host(), new TagPolicy("", false, filter, "$ts", TagPolicy.Order.NUMERIC, false), false).tag())
                .isEqualTo("main-1700000100-def5678");
        assertThat(select(open.host(), new TagPolicy("", false, filter, "$ts", TagPolicy.Order.ALPHABETICAL, false), false).tag())
                .isEqualTo("main-999-0123456");
    }

    @Test
    void newestBuildChoosesTheImageWhoseConfigWasCreatedLast() throws Exception {
        assertThat(select(open.host(), new TagPolicy("", false, "^nightly-", "", null, true), false).tag()).isEqualTo("nightly-a");
        RegistryClient client = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), TIMEOUT);
        assertThat(client.created(client.repository(ImageReference.parse(open.host() + "/shop/web")), "multi"))
                .as("an index is dated by its linux/amd64 image")
                .contains(BASE.plus(Duration.ofDays(9)));
    }

    @Test
    void digestPinningAddsTheManifestDigestOfTheChosenTagForImagesAndIndexes() throws Exception {
        ImageSelection chosen = select(open.host(), new TagPolicy(">=1.4 <2", false, "", "", null, false), true);
        assertThat(chosen.image()).hasToString(open.host() + "/shop/web:1.10.0@" + webDigest);

        ImageSelection index = select(open.host(), new TagPolicy("", false, "^multi$", "", TagPolicy.Order.ALPHABETICAL, false), true);
        assertThat(index.digest()).isEqualTo(indexDigest);
    }

    @Test
    void noMatchingTagNamesThePolicyAndTheTagsSeen() {
        assertThatThrownBy(() -> select(open.host(), new TagPolicy(">=3", false, "", "", null, false), false))
                .isInstanceOf(NoMatchingTagException.class)
                .hasMessage("no tag of " + open.host() + "/shop/web matches semver '>=3' (16 tags seen)");
    }

    @Test
    void everyPageOfAPaginatedTagListIsRead() throws Exception {
        try (PagingRegistryProxy proxy = PagingRegistryProxy.start(open.baseUrl(), 40)) {
            RegistryClient client = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), TIMEOUT);
            ImageSelection chosen = new ImageSelector(client).select(ImageReference.parse(proxy.host() + "/shop/many"),
                    new TagPolicy("", false, "^build-", "", TagPolicy.Order.ALPHABETICAL, false), true);

            assertThat(chosen.tag()).isEqualTo("build-299");
            assertThat(chosen.considered()).isEqualTo(300);
            assertThat(proxy.tagPages()).isEqualTo(8);
            assertThat(chosen.digest()).startsWith("sha256:");
        }
    }

    @Test
    void basicAuthenticationIsAnsweredWithTheCredentialsAndRefusedWithoutThem() throws Exception {
        try (LoopbackRegistry basic = LoopbackRegistry.start(work.resolve("storage"), work.resolve("basic"),
                new LoopbackRegistry.Basic("ci", "s3cret-pass"), false)) {
            ImageReference image = ImageReference.parse(basic.host() + "/shop/web");
            TagPolicy policy = new TagPolicy(">=1.4 <2", false, "", "", null, false);

            RegistryClient authenticated = RegistryClient.create(new RegistryCredentials("ci", "s3cret-pass"), Optional.empty(), TIMEOUT);
            assertThat(new ImageSelector(authenticated).select(image, policy, true).image())
                    .hasToString(basic.host() + "/shop/web:1.10.0@" + webDigest);

            RegistryClient anonymous = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), TIMEOUT);
            assertThatThrownBy(() -> new ImageSelector(anonymous).select(image, policy, false))
                    .hasMessage(basic.host() + " requires a user name and password for shop/web");

            RegistryClient wrong = RegistryClient.create(new RegistryCredentials("ci", "wrong"), Optional.empty(), TIMEOUT);
            assertThatThrownBy(() -> new ImageSelector(wrong).select(image, policy, false))
                    .hasMessage(basic.host() + " refused user 'ci' for shop/web (401 after authenticating)")
                    .message().doesNotContain("wrong");
        }
    }

    @Test
    void blobsRedirectedToStorageElsewhereAreFetchedWithoutTheRegistrysCredentials() throws Exception {
        try (LoopbackRegistry basic = LoopbackRegistry.start(work.resolve("storage"), work.resolve("basic-redirect"),
                        new LoopbackRegistry.Basic("ci", "s3cret-pass"), false);
                PagingRegistryProxy proxy = PagingRegistryProxy.start(basic.baseUrl(), 100, open.baseUrl())) {
            RegistryClient client = RegistryClient.create(new RegistryCredentials("ci", "s3cret-pass"), Optional.empty(), TIMEOUT);
            ImageSelection chosen = new ImageSelector(client).select(ImageReference.parse(proxy.host() + "/shop/web"),
                    new TagPolicy("", false, "^nightly-", "", null, true), false);

            assertThat(chosen.tag()).isEqualTo("nightly-a");
            assertThat(proxy.blobsServed()).isEqualTo(3);
            assertThat(proxy.authorizedBlobRequests()).isZero();
        }
    }

    @Test
    void bearerTokensFromTheChallengedRealmOverHttpsWithAPrivateCa() throws Exception {
        try (RegistryTokenService tokens = RegistryTokenService.start(work.resolve("tokens"), "ci", "t0ken-pass");
                LoopbackRegistry secured = LoopbackRegistry.start(work.resolve("storage"), work.resolve("token"),
                        new LoopbackRegistry.Token(tokens.realm(), RegistryTokenService.SERVICE, RegistryTokenService.ISSUER,
                                tokens.certificate()), true)) {
            ImageReference image = ImageReference.parse(secured.host() + "/shop/web");
            TagPolicy policy = new TagPolicy("", false, "^nightly-", "", null, true);
            RegistryCredentials credentials = new RegistryCredentials("ci", "t0ken-pass");

            RegistryClient client = RegistryClient.create(credentials, Optional.of(secured.caCertificate()), TIMEOUT);
            assertThat(new ImageSelector(client).select(image, policy, true).image().toString())
                    .startsWith(secured.host() + "/shop/web:nightly-a@sha256:");
            assertThat(tokens.scopes()).as("one token, reused for every call").containsExactly("repository:shop/web:pull");

            RegistryClient untrusting = RegistryClient.create(credentials, Optional.empty(), TIMEOUT);
            assertThatThrownBy(() -> new ImageSelector(untrusting).select(image, policy, false))
                    .isInstanceOf(RegistryException.class)
                    .as("without a CA, a loopback registry is spoken to over plain HTTP, as Docker does")
                    .hasMessageStartingWith(secured.host() + " answered 400 to GET /v2/shop/web/tags/list");
        }
    }
}
