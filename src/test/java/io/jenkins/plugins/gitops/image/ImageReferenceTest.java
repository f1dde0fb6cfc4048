package io.jenkins.plugins.gitops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String SHA256 = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nginx                                      | ''                        | nginx           | ''         | docker.io/library/nginx
            nginx:1.27                                 | ''                        | nginx           | 1.27       | docker.io/library/nginx
            acme/web:v1.2.3-rc.1                       | ''                        | acme/web        | v1.2.3-rc.1| docker.io/acme/web
            library/nginx:_private                     | ''                        | library/nginx   | _private   | docker.io/library/nginx
            docker.io/nginx                            | docker.io                 | nginx           | ''         | docker.io/library/nginx
            index.docker.io/library/nginx:1            | index.docker.io           | library/nginx   | 1          | docker.io/library/nginx
            localhost/web                              | localhost                 | web             | ''         | localhost/web
            localhost:5000/acme/web:1.0                | localhost:5000            | acme/web        | 1.0        | localhost:5000/acme/web
            registry.example.com/web                   | registry.example.com      | web             | ''         | registry.example.com/web
            Registry.Example.com:443/team/sub/web:2    | Registry.Example.com:443  | team/sub/web    | 2          | registry.example.com:443/team/sub/web
            127.0.0.1:5000/web                         | 127.0.0.1:5000            | web             | ''         | 127.0.0.1:5000/web
            [::1]:5000/web:3                           | [::1]:5000                | web             | 3          | [::1]:5000/web
            ghcr.io/acme/a_b__c---d.e/web              | ghcr.io                   | acme/a_b__c---d.e/web | ''   | ghcr.io/acme/a_b__c---d.e/web
            """)
    void parsesAndNormalisesLikeDocker(String text, String registry, String path, String tag, String repository) {
        ImageReference image = ImageReference.parse(text);

        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.path()).isEqualTo(path);
        assertThat(image.tag()).isEqualTo(tag);
        assertThat(image.digest()).isEmpty();
        assertThat(image.repository()).isEqualTo(repository);
        assertThat(image).hasToString(text);
    }

    @Test
    void parsesDigestsOfEveryAlgorithm() {
        ImageReference pinned = ImageReference.parse("ghcr.io/acme/web@" + SHA256);
        assertThat(pinned.digest()).isEqualTo(SHA256);
        assertThat(pinned.hasTag()).isFalse();
        assertThat(pinned.version()).isEqualTo("@" + SHA256);

        ImageReference both = ImageReference.parse("localhost:5000/acme/web:1.0@" + SHA512);
        assertThat(both.tag()).isEqualTo("1.0");
        assertThat(both.digest()).isEqualTo(SHA512);
        assertThat(both.name()).isEqualTo("localhost:5000/acme/web");
        assertThat(both.version()).isEqualTo(":1.0@" + SHA512);
        assertThat(both).hasToString("localhost:5000/acme/web:1.0@" + SHA512);

        String other = "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8";
        assertThat(ImageReference.parse("acme/web@" + other).digest()).isEqualTo(other);
    }

    @Test
    void acceptsTheLongestNameAndTag() {
        String name = "a".repeat(255);
        String tag = "t".repeat(128);
        assertThat(ImageReference.parse(name + ":" + tag)).hasToString(name + ":" + tag);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | image reference is empty
            acme/web 1.0                        | image reference 'acme/web 1.0' contains whitespace or control characters
            https://registry.example.com/web    | image reference 'https://registry.example.com/web' must not start with a URL scheme such as 'https://'
            :1.0                                | image reference ':1.0' has no repository path
            acme/web:                           | image reference 'acme/web:' has an empty tag after ':'
            acme/web:-1                         | image reference 'acme/web:-1' has tag '-1': a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'
            acme/web:1+2                        | image reference 'acme/web:1+2' has tag '1+2': a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'
            Acme/Web                            | image reference 'Acme/Web' has path component 'Web' that is not lower case
            acme/Web:1                          | image reference 'acme/Web:1' has path component 'Web' that is not lower case
            acme//web                           | image reference 'acme//web' has an empty path component in 'acme//web'
            acme/web/                           | image reference 'acme/web/' has an empty path component in 'acme/web/'
            /acme/web                           | image reference '/acme/web' has an empty path component in '/acme/web'
            acme/-web                           | image reference 'acme/-web' has path component '-web': use lower-case letters and digits, separated by '.', '_', '__' or dashes
            acme/web___x                        | image reference 'acme/web___x' has path component 'web___x': use lower-case letters and digits, separated by '.', '_', '__' or dashes
            registry.example.com:99999/web      | image reference 'registry.example.com:99999/web' has registry port '99999', expected a number up to 65535
            registry.example.com:/web           | image reference 'registry.example.com:/web' has registry port '', expected a number up to 65535
            registry..example.com/web           | image reference 'registry..example.com/web' has registry host 'registry..example.com' that is not a host name (letters, digits and inner '-' between dots)
            -registry.example.com/web           | image reference '-registry.example.com/web' has registry host '-registry.example.com' that is not a host name (letters, digits and inner '-' between dots)
            acme/web@md5                        | image reference 'acme/web@md5' has digest 'md5', expected algorithm:hex after '@'
            acme/web@                           | image reference 'acme/web@' has digest '', expected algorithm:hex after '@'
            acme/web@SHA256:abc                 | image reference 'acme/web@SHA256:abc' has digest algorithm 'SHA256', expected lower-case letters and digits such as sha256
            acme/web@sha256:abc                 | image reference 'acme/web@sha256:abc' has sha256 digest of 3 characters 'abc', expected 64 lower-case hex characters
            acme/web@sha512:abc                 | image reference 'acme/web@sha512:abc' has sha512 digest of 3 characters 'abc', expected 128 lower-case hex characters
            acme/web@other:a/b                  | image reference 'acme/web@other:a/b' has other digest of 3 characters 'a/b', expected letters, digits, '=', '_' or '-'
            """)
    void refusesMalformedReferencesNamingTheInputAndTheProblem(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesNullAndUpperCaseHexAndOverlongParts() {
        assertThatThrownBy(() -> ImageReference.parse(null)).hasMessage("image reference is empty");
        String upper = "sha256:" + "0123456789ABCDEF".repeat(4);
        assertThatThrownBy(() -> ImageReference.parse("web@" + upper))
                .hasMessage("image reference 'web@" + upper + "' has sha256 digest of 64 characters '"
                        + upper.substring(7) + "', expected 64 lower-case hex characters");
        String tag = "t".repeat(129);
        assertThatThrownBy(() -> ImageReference.parse("web:" + tag)).hasMessageContaining("has tag '" + tag + "'");
        String name = "a".repeat(200) + "/" + "b".repeat(55);
        assertThatThrownBy(() -> ImageReference.parse(name))
                .hasMessage("image reference '" + name + "' has a name of 256 characters, more than 255");
    }

    @Test
    void comparesRepositoriesOnceNormalised() {
        ImageReference nginx = ImageReference.parse("nginx:1.0");
        assertThat(nginx.sameRepository(ImageReference.parse("docker.io/library/nginx@" + SHA256))).isTrue();
        assertThat(nginx.sameRepository(ImageReference.parse("index.docker.io/library/nginx"))).isTrue();
        assertThat(nginx.sameRepository(ImageReference.parse("acme/nginx:1.0"))).isFalse();

        ImageReference web = ImageReference.parse("acme/web:1");
        assertThat(web.sameRepository(ImageReference.parse("docker.io/acme/web:2"))).isTrue();
        assertThat(web.sameRepository(ImageReference.parse("acme/web-admin:1"))).isFalse();
        assertThat(web.sameRepository(ImageReference.parse("acme/web/admin:1"))).isFalse();
        assertThat(web.sameRepository(ImageReference.parse("ghcr.io/acme/web:1"))).isFalse();

        ImageReference local = ImageReference.parse("localhost:5000/web");
        assertThat(local.sameRepository(ImageReference.parse("localhost:5001/web"))).isFalse();
        assertThat(local.sameRepository(ImageReference.parse("localhost/web"))).isFalse();
        assertThat(ImageReference.parse("Registry.Example.com/web").sameRepository(ImageReference.parse("registry.example.com/web:1")))
                .isTrue();
    }

    @Test
    void namesTheDefaultRegistryWhenNoneIsWritten() {
        assertThat(ImageReference.parse("acme/web").domain()).isEqualTo("docker.io");
        assertThat(ImageReference.parse("acme/web").registry()).isEmpty();
        assertThat(ImageReference.parse("index.docker.io/acme/web").domain()).isEqualTo("docker.io");
        assertThat(ImageReference.parse("localhost:5000/web").domain()).isEqualTo("localhost:5000");
    }
}
