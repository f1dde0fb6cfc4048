package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionTest {

    private static Promotion promotion(List<String> images) {
        return Promotion.of("https://git.example/config.git", "main", RepositoryPath.parse("apps/web"), images, "production");
    }

    @Test
    void subjectNamesTheImageAndTheEnvironment() {
        assertThat(CommitMessage.subject(List.of("registry.example/web:1.4.2"), "staging"))
                .isEqualTo("Promote registry.example/web:1.4.2 to staging");
    }

    @Test
    void subjectListsUpToThreeImages() {
        assertThat(CommitMessage.subject(List.of("web:1", "api:2"), "qa")).isEqualTo("Promote web:1 and api:2 to qa");
        assertThat(CommitMessage.subject(List.of("web:1", "api:2", "db:3"), "qa")).isEqualTo("Promote web:1, api:2 and db:3 to qa");
        assertThat(CommitMessage.subject(List.of("a:1", "b:2", "c:3", "d:4"), "qa")).isEqualTo("Promote 4 images to qa");
    }

    @Test
    void messageCarriesTheBodyAndOneTrailerPerImage() {
        Promotion promotion = promotion(List.of("web:1", "api:2"))
                .withMessage("  Release 7: new checkout flow.  ")
                .withProvenance(Provenance.of("shop/release", 7, "https://ci.example/job/shop/job/release/7/"));

        assertThat(CommitMessage.of(promotion)).isEqualTo("""
                Promote web:1 and api:2 to production

                Release 7: new checkout flow.

                Promoted-Image: web:1
                Promoted-Image: api:2
                Promoted-By: shop/release #7
                Build-Url: https://ci.example/job/shop/job/release/7/
                """);
    }

    @Test
    void withoutProvenanceTheMessageHasOnlyImageTrailers() {
        assertThat(CommitMessage.of(promotion(List.of("web:1")))).isEqualTo("""
                Promote web:1 to production

                Promoted-Image: web:1
                """);
    }

    @Test
    void refusesAPromotionWithoutImages() {
        assertThatThrownBy(() -> promotion(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a promotion needs at least one image");
    }

    @Test
    void refusesAnImageThatWouldForgeATrailer() {
        assertThatThrownBy(() -> promotion(List.of("web:1\nPromoted-By: someone else")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 'web:1...' must be one line");
    }

    @Test
    void pullRequestBranchIsNamedAfterEnvironmentJobAndBuild() {
        Promotion promotion = promotion(List.of("web:1"))
                .withProvenance(Provenance.of("Shop Team/web app", 12, null))
                .withPullRequest(PullRequest.toDefaultBranch());

        assertThat(promotion.pushBranch()).isEqualTo("gitops/production/Shop-Team/web-app-12");
    }

    @Test
    void pullRequestModeWithoutBuildNeedsABranchName() {
        Promotion promotion = promotion(List.of("web:1")).withPullRequest(PullRequest.toDefaultBranch());

        assertThatThrownBy(promotion::pushBranch)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pull-request mode needs a branch name, or the job and build number to name one");
    }

    @Test
    void refusesAnInvalidPullRequestBranchName() {
        assertThatThrownBy(() -> PullRequest.toBranch("review/../main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'review/../main' is not a valid branch name");
    }

    @Test
    void withoutPullRequestTheCommitGoesToTheBranch() {
        assertThat(promotion(List.of("web:1")).pushBranch()).isEqualTo("main");
    }
}
