package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the gitopsPromote step does between resolving its arguments and returning its map, on JGit instead of Jenkins' git client. */
@ExtendWith(GitServers.Resolver.class)
class PromotionPlanTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");
    private static final Provenance BUILD = Provenance.of("shop/web", 17, "https://jenkins.example/job/shop/job/web/17/");

    static GitServers servers;

    @TempDir
    Path scratch;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    @Test
    void aStepRequestForAConfiguredEnvironmentPromotesAndAnswersWithTheStepMap() throws IOException {
        BareRepository origin = servers.seed("main", Map.of(
                "envs/staging/kustomization.yaml", "images:\n  - name: registry.example.com/shop/web\n    newTag: \"1.0\"\n",
                "envs/prod/kustomization.yaml", "images:\n  - name: registry.example.com/shop/web\n    newTag: \"0.9\"\n"));
        Environments configured = Environments.of(List.of(new Environment("staging",
                servers.url(Transport.GIT_DAEMON, origin), "main", RepositoryPath.parse("envs/staging"), null, null)));
        PromotionPlan plan = new PromotionRequest("staging", null, null, null, null, "registry.example.com/shop/web:1.1", null,
                "Release 1.1", false).resolve(configured, BUILD);
        PromotionTransaction transaction = new PromotionTransaction(servers.connector(Transport.GIT_DAEMON), BOT, RetryPolicy.DEFAULT, scratch);

        PromotionResult result = plan.imagePromotion().run(transaction);

        assertThat(plan.stepResult(result)).containsExactly(
                Map.entry("commit", origin.head("main").orElseThrow()), Map.entry("changed", true),
                Map.entry("files", List.of("envs/staging/kustomization.yaml")), Map.entry("environment", "staging"),
                Map.entry("branch", "main"));
        assertThat(plan.summary(result)).isEqualTo("Promoted registry.example.com/shop/web:1.1 to staging - commit "
                + result.commit().substring(0, 7));
        assertThat(origin.read("main", "envs/prod/kustomization.yaml")).contains("newTag: \"0.9\"");
        assertThat(origin.messages("main").get(0)).isEqualTo("""
                Promote registry.example.com/shop/web:1.1 to staging

                Release 1.1

                Promoted-Image: registry.example.com/shop/web:1.1
                Promoted-By: shop/web #17
                Build-Url: https://jenkins.example/job/shop/job/web/17/""");

        PromotionResult again = plan.imagePromotion().run(transaction);

        assertThat(again.changed()).isFalse();
        assertThat(plan.summary(again)).isEqualTo("staging already had registry.example.com/shop/web:1.1 - commit "
                + result.commit().substring(0, 7));
    }

    @Test
    void pullRequestModeNamesTheBranchAfterTheEnvironmentAndTheBuild() throws IOException {
        BareRepository origin = servers.seed("main", Map.of("apps/web/deployment.yaml", "spec:\n  containers:\n    - image: acme/web:1.0\n"));
        PromotionPlan plan = new PromotionRequest("prod", origin.fileUrl(), null, "apps/web", null, null,
                List.of("acme/web:2.0"), null, true).resolve(Environments.NONE, BUILD);

        PromotionResult result = plan.imagePromotion().run(
                new PromotionTransaction(servers.connector(Transport.FILE), BOT, RetryPolicy.DEFAULT, scratch));

        assertThat(result.branch()).isEqualTo("gitops/prod/shop/web-17");
        assertThat(origin.read("gitops/prod/shop/web-17", "apps/web/deployment.yaml")).contains("image: acme/web:2.0");
        assertThat(origin.read("main", "apps/web/deployment.yaml")).contains("image: acme/web:1.0");
    }
}
