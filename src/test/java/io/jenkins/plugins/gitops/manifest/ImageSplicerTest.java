package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure text-to-text core; whole-directory behaviour is in the edit corpus. */
class ImageSplicerTest {

    private static final String DIGEST = "sha256:" + "2".repeat(64);

    private static ImageSplice splice(String file, String text, String... images) {
        return ImageSplicer.splice(file, text, Arrays.stream(images).map(ImageReference::parse).toList());
    }

    private static String edit(String file, String text, String... images) {
        return splice(file, text, images).text();
    }

    @Test
    void leavesTextWithoutTheRepositoryUntouchedAndUnparsed() {
        String notYaml = "{{- if .Values.enabled }}\nimage: other:1\n";
        ImageSplice splice = splice("templates/deployment.yaml", notYaml, "acme/web:1.1");
        assertThat(splice.text()).isSameAs(notYaml);
        assertThat(splice.matches()).isEmpty();
    }

    @Test
    void namesFileAndLineOfInvalidYamlThatMentionsTheRepository() {
        assertThatThrownBy(() -> edit("apps/web.yaml", "a: 1\nimage: acme/web:1.0\n  bad: [\n", "acme/web:1.1"))
                .isInstanceOf(ImageEditException.class)
                .hasMessageStartingWith("apps/web.yaml:3: not valid YAML: ");
    }

    @Test
    void reportsEveryPlaceAndWhetherItChanged() {
        String text = "a:\n  image: acme/web:1.1\nb:\n  image: acme/web:1.0\n";
        ImageSplice splice = splice("v.yaml", text, "acme/web:1.1");
        assertThat(splice.text()).isEqualTo("a:\n  image: acme/web:1.1\nb:\n  image: acme/web:1.1\n");
        ImageReference web = ImageReference.parse("acme/web:1.1");
        assertThat(splice.matches()).containsExactly(
                new ImageMatch(web, new SourceLocation("v.yaml", 2), false),
                new ImageMatch(web, new SourceLocation("v.yaml", 4), true));
    }

    @Test
    void quotesAPlainValueOnlyWhenItWouldNotReadBackAsAString() {
        String values = "image:\n  repository: acme/web\n  tag: v1.0 # pinned\n";
        assertThat(edit("values.yaml", values, "acme/web:v1.1")).isEqualTo("image:\n  repository: acme/web\n  tag: v1.1 # pinned\n");
        assertThat(edit("values.yaml", values, "acme/web:1.10")).isEqualTo("image:\n  repository: acme/web\n  tag: \"1.10\" # pinned\n");
        assertThat(edit("values.yaml", values, "acme/web:true")).isEqualTo("image:\n  repository: acme/web\n  tag: \"true\" # pinned\n");
        assertThat(edit("values.yaml", values, "acme/web:1_000")).isEqualTo("image:\n  repository: acme/web\n  tag: \"1_000\" # pinned\n");
    }

    @Test
    void fillsAnEmptyTag() {
        assertThat(edit("values.yaml", "image:\n  repository: acme/web\n  tag:\n", "acme/web:v2"))
                .isEqualTo("image:\n  repository: acme/web\n  tag: v2\n");
        assertThat(edit("values.yaml", "image:\n  repository: acme/web\n  tag: # from appVersion\n", "acme/web:2.0"))
                .isEqualTo("image:\n  repository: acme/web\n  tag: \"2.0\" # from appVersion\n");
    }

    @Test
    void keepsTagsAndAnchorsWrittenBeforeTheValue() {
        assertThat(edit("pod.yaml", "image: !!str acme/web:1.0\n", "acme/web:1.1")).isEqualTo("image: !!str acme/web:1.1\n");
    }

    @Test
    void refusesValuesThatCannotBeEditedInPlace() {
        assertThatThrownBy(() -> edit("pod.yaml", "kind: Pod\nimage: \"acme/web\\x3a1.0\"\n", "acme/web:1.1"))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("pod.yaml:2: cannot edit 'acme/web:1.0' in place: it is written across lines, with escapes or as a block scalar");
        assertThatThrownBy(() -> edit("pod.yaml", "image: >-\n  acme/web:1.0\n", "acme/web:1.1"))
                .hasMessageStartingWith("pod.yaml:1: cannot edit 'acme/web:1.0' in place");
        assertThatThrownBy(() -> edit("pod.yaml", "image: \"acme/web:\\\n  1.0\"\n", "acme/web:1.1"))
                .hasMessageStartingWith("pod.yaml:1: cannot edit 'acme/web:1.0' in place");
    }

    @Test
    void addsKustomizationKeysAtTheEndOfAFileWithoutFinalLineBreak() {
        assertThat(edit("kustomization.yaml", "images:\r\n- name: acme/web", "acme/web:1.1@" + DIGEST))
                .isEqualTo("images:\r\n- name: acme/web\r\n  newTag: \"1.1\"\r\n  digest: " + DIGEST);
    }

    @Test
    void addsKustomizationKeysToAFlowEntry() {
        assertThat(edit("kustomization.yaml", "images: [{name: 'acme/web'}]\n", "acme/web:v1@" + DIGEST))
                .isEqualTo("images: [{name: 'acme/web', newTag: 'v1', digest: '" + DIGEST + "'}]\n");
    }

    @Test
    void leavesFluxImageRepositoriesWithoutTag() {
        String text = "apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageRepository\nspec:\n  image: acme/web\n"
                + "---\nkind: Pod\nspec:\n  containers: [{image: acme/web}]\n";
        ImageSplice splice = splice("flux.yaml", text, "acme/web:1.1");
        assertThat(splice.text()).isEqualTo(text.replace("{image: acme/web}", "{image: acme/web:1.1}"));
        assertThat(splice.matches()).hasSize(1);
    }

    @Test
    void readsImagesListsOnlyInKustomizations() {
        String text = "images:\n  - name: acme/web\n    newTag: \"1.0\"\n";
        assertThat(splice("other.yaml", text, "acme/web:1.1").matches()).isEmpty();
        assertThat(edit("overlays/prod/kustomization.yml", text, "acme/web:1.1")).isEqualTo(text.replace("1.0", "1.1"));
    }

    @Test
    void clearsAStaleHelmDigestWhenPromotingATag() {
        String values = "image:\n  repository: acme/web\n  tag: 1.0.0\n  digest: 'sha256:" + "1".repeat(64) + "'\n";
        assertThat(edit("values.yaml", values, "acme/web:1.1.0"))
                .isEqualTo("image:\n  repository: acme/web\n  tag: 1.1.0\n  digest: ''\n");
    }

    @Test
    void writesTagAndDigestIntoTheTagOfHelmValuesWithoutDigestKey() {
        assertThat(edit("values.yaml", "image: {repository: acme/web, tag: v1}\n", "acme/web:v2@" + DIGEST))
                .isEqualTo("image: {repository: acme/web, tag: v2@" + DIGEST + "}\n");
        assertThatThrownBy(() -> edit("values.yaml", "image: {repository: acme/web, tag: v1}\n", "acme/web@" + DIGEST))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("values.yaml:1: Helm values for 'acme/web' have a 'tag' but no 'digest' key; promote 'acme/web@"
                        + DIGEST + "' with a tag as well");
    }

    @Test
    void refusesTwoImagesChangingOneAliasedValue() {
        String values = "a: {repository: acme/web, tag: &t v1}\nb: {repository: acme/api, tag: *t}\n";
        assertThatThrownBy(() -> edit("values.yaml", values, "acme/web:v2", "acme/api:v3"))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("values.yaml:1: two images would change the same value (an alias?)");
    }

    @Test
    void refusesRequestsWithoutVersionOrForOneRepositoryTwice() {
        assertThatThrownBy(() -> edit("a.yaml", "", "acme/web"))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("image 'acme/web' has neither tag nor digest: nothing to promote");
        assertThatThrownBy(() -> edit("a.yaml", "", "nginx:1", "docker.io/library/nginx:2"))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("images 'nginx:1' and 'docker.io/library/nginx:2' name the same repository docker.io/library/nginx");
        assertThatThrownBy(() -> ImageSplicer.splice("a.yaml", "", List.of()))
                .isInstanceOf(ImageEditException.class)
                .hasMessage("no image to promote");
    }
}
