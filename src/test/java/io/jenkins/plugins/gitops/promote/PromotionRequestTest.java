package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.image.PolicyViolation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gitopsPromote step's arguments, resolved and checked without Jenkins. */
class PromotionRequestTest {

    private static final Environments CONFIGURED = Environments.of(List.of(
            new Environment("staging", "https://git.example.com/shop/config.git", "main", RepositoryPath.parse("apps/staging"), "git-bot", null),
            new Environment("production", "ssh://git@git.example.com/shop/config.git", "release", RepositoryPath.parse("apps/prod"), null, null)));

    private static final Provenance BUILD = Provenance.of("shop/web", 17, "https://jenkins.example/job/shop/job/web/17/");

    private static PromotionRequest environment(String name, String image) {
        return new PromotionRequest(name, null, null, null, null, image, null, null, false);
    }

    @Test
    void aConfiguredEnvironmentSuppliesRepositoryBranchPathAndCredentials() {
        PromotionPlan plan = environment("staging", "registry.example.com/shop/web:1.5").resolve(CONFIGURED, BUILD);

        assertThat(plan.repository()).isEqualTo("https://git.example.com/shop/config.git");
        assertThat(plan.branch()).isEqualTo("main");
        assertThat(plan.path()).isEqualTo("apps/staging");
        assertThat(plan.credentialsId()).isEqualTo("git-bot");
        assertThat(plan.environment()).isEqualTo("staging");
        Promotion promotion = plan.imagePromotion().promotion();
        assertThat(promotion.images()).containsExactly("registry.example.com/shop/web:1.5");
        assertThat(promotion.provenance()).contains(BUILD);
        assertThat(promotion.pushBranch()).isEqualTo("main");
    }

    @Test
    void explicitSettingsNeedNoConfiguredEnvironmentAndNameTheBranchAsTarget() {
        PromotionPlan plan = new PromotionRequest(null, "https://git.example.com/other.git", "", " ./apps/web/ ", "bot",
                null, List.of("acme/web:2.0", "acme/api:2.0"), " ship it ", true).resolve(Environments.NONE, BUILD);

        assertThat(plan.branch()).isEqualTo("main");
        assertThat(plan.path()).isEqualTo("apps/web");
        assertThat(plan.environment()).isEqualTo("main");
        assertThat(plan.message()).isEqualTo("ship it");
        assertThat(plan.imagePromotion().images()).hasSize(2);
        assertThat(plan.imagePromotion().promotion().pushBranch()).isEqualTo("gitops/main/shop/web-17");
    }

    @Test
    void anUnknownEnvironmentIsNamedWithTheConfiguredOnes() {
        assertThatThrownBy(() -> environment("prod", "acme/web:2.0").resolve(CONFIGURED, BUILD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no environment named 'prod' is configured; configured are [staging, production]");
    }

    @Test
    void anEnvironmentThatSignsItsCommitsIsRefusedBeforeAnythingIsPushedRatherThanPromotedUnsigned() {
        Environments signing = Environments.of(List.of(new Environment("prod", "https://git.example.com/shop/config.git", "main",
                RepositoryPath.ROOT, "git-bot", null, "jenkins-signing", "ssh")));

        assertThatThrownBy(() -> environment("prod", "acme/web:2.0").resolve(signing, BUILD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment 'prod' signs its commits (signing credential 'jenkins-signing'), but this step commits"
                        + " through the workspace git, which cannot sign them; nothing was pushed."
                        + " Promote with the CLI's 'promote --signing-key' instead");
    }

    @Test
    void settingsAnEnvironmentAlreadyHasAreRefused() {
        PromotionRequest request = new PromotionRequest("staging", null, "hotfix", "apps/other", null, "acme/web:2.0", null, null, false);

        assertThatThrownBy(() -> request.resolve(CONFIGURED, BUILD))
                .hasMessage("environment 'staging' already sets the branch, path and credentials; do not also give 'branch', 'path'");
    }

    @Test
    void neitherEnvironmentNorRepositoryIsRefused() {
        assertThatThrownBy(() -> environment(" ", "acme/web:2.0").resolve(CONFIGURED, BUILD))
                .hasMessage("give 'environment' (one of [staging, production]) or 'repository' to say where to promote");
    }

    @Test
    void badExplicitSettingsNameTheArgument() {
        assertThatThrownBy(() -> new PromotionRequest(null, "https://bot:pw@git.example.com/x.git", null, null, null,
                        "acme/web:2.0", null, null, false).resolve(Environments.NONE, BUILD))
                .hasMessageStartingWith("'repository': repository URL embeds a password")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> new PromotionRequest(null, "https://git.example.com/x.git", null, "../etc", null,
                        "acme/web:2.0", null, null, false).resolve(Environments.NONE, BUILD))
                .hasMessageStartingWith("'path': ");
    }

    @Test
    void imagesAreRequiredOnceAndCheckedAgainstThePolicy() {
        assertThatThrownBy(() -> environment("staging", null).resolve(CONFIGURED, BUILD))
                .hasMessage("give the image to promote in 'image' (or several in 'images')");
        assertThatThrownBy(() -> new PromotionRequest("staging", null, null, null, null, "acme/web:2.0", List.of("acme/api:2.0"),
                        null, false).resolve(CONFIGURED, BUILD))
                .hasMessage("give either 'image' or 'images', not both");
        assertThatThrownBy(() -> environment("staging", "acme/web:latest").resolve(CONFIGURED, BUILD))
                .isInstanceOf(PolicyViolation.class);
        assertThatThrownBy(() -> environment("staging", "acme/Web:1").resolve(CONFIGURED, BUILD))
                .hasMessageStartingWith("image reference 'acme/Web:1'");
    }

    @Test
    void thePlanTravelsSerializedAndGivesTheStepItsResultMap() throws Exception {
        PromotionPlan plan = environment("production", "acme/web:2.0").resolve(CONFIGURED, BUILD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        PromotionPlan copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PromotionPlan) in.readObject();
        }

        assertThat(copy).isEqualTo(plan);
        Map<String, Object> result = copy.stepResult(new PromotionResult("abc123", true, List.of("apps/prod/web.yaml"), 2, "release"));
        assertThat(result).containsExactly(
                Map.entry("commit", "abc123"), Map.entry("changed", true), Map.entry("files", List.of("apps/prod/web.yaml")),
                Map.entry("environment", "production"), Map.entry("branch", "release"));
    }
}
