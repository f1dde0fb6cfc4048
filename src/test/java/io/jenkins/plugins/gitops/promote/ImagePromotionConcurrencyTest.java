package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitCli;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Racing promotions with the real image editor into one kustomization over git daemon: none is lost. */
@ExtendWith(GitServers.Resolver.class)
class ImagePromotionConcurrencyTest {

    private static final int N = 16;
    private static final String KUSTOMIZATION = "apps/shop/prod/kustomization.yaml";
    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");

    /**
     * Sixteen racers on a busy two-core machine have needed up to seven attempts: this test is about no
     * promotion being lost or overwritten, so it gives the race more room than the default budget.
     */
    private static final RetryPolicy PATIENT = new RetryPolicy(16, Duration.ofMillis(250), Duration.ofSeconds(15));

    static GitServers servers;

    @TempDir
    Path scratch;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    @Test
    void sixteenPromotionsOfSixteenImagesAllLandInOneKustomization() throws Exception {
        String entries = IntStream.range(0, N)
                .mapToObj(i -> "  - name: registry.example.com/shop/service-" + i + "\n    newTag: \"1.0\"\n")
                .collect(Collectors.joining());
        BareRepository origin = servers.seed("main", Map.of(KUSTOMIZATION, "resources: [../base]\nimages:\n" + entries));

        List<PromotionResult> results = concurrently(i -> promote(origin, "registry.example.com/shop/service-" + i + ":2." + i));

        assertThat(results).allSatisfy(result -> {
            assertThat(result.changed()).isTrue();
            assertThat(result.files()).containsExactly(KUSTOMIZATION);
        });
        assertThat(origin.commitCount("main")).isEqualTo(1 + N);
        assertThat(origin.read("main", KUSTOMIZATION)).isEqualTo("resources: [../base]\nimages:\n" + IntStream.range(0, N)
                .mapToObj(i -> "  - name: registry.example.com/shop/service-" + i + "\n    newTag: \"2." + i + "\"\n")
                .collect(Collectors.joining()));
        System.out.println("sixteen images: attempts " + attempts(results));
    }

    @Test
    void sixteenPromotionsOfOneImageAllLandAndTheLastPushedHoldsTheField() throws Exception {
        BareRepository origin = servers.seed("main", Map.of(KUSTOMIZATION,
                "images:\n  - name: registry.example.com/shop/web\n    newTag: \"1.0\"\n"));

        List<PromotionResult> results = concurrently(i -> promote(origin, "registry.example.com/shop/web:3." + i));

        assertThat(results).allSatisfy(result -> assertThat(result.changed()).isTrue());
        List<String> commits = List.of(GitCli.git(origin.path(), "log", "--format=%H", "main").strip().split("\n"));
        assertThat(commits).hasSize(1 + N);
        List<String> pushedOrder = new ArrayList<>();
        for (String commit : commits.subList(0, N)) {
            String image = GitCli.git(origin.path(), "log", "-1", "--format=%(trailers:key=Promoted-Image,valueonly)", commit).strip();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(origin.read(commit, KUSTOMIZATION)).as("the file in the commit promoting %s", image)
                    .isEqualTo("images:\n  - name: registry.example.com/shop/web\n    newTag: \"" + tag + "\"\n");
            pushedOrder.add(image);
        }
        assertThat(pushedOrder).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, N).mapToObj(i -> "registry.example.com/shop/web:3." + i).toList());
        assertThat(results.stream().map(PromotionResult::commit)).containsExactlyInAnyOrderElementsOf(commits.subList(0, N));
        String last = pushedOrder.get(0);
        assertThat(origin.read("main", KUSTOMIZATION)).contains("newTag: \"" + last.substring(last.lastIndexOf(':') + 1) + "\"");
        System.out.println("one image: attempts " + attempts(results));
    }

    private PromotionResult promote(BareRepository origin, String image) throws Exception {
        Promotion promotion = Promotion.of(servers.url(Transport.GIT_DAEMON, origin), "main",
                RepositoryPath.parse("apps/shop/prod"), List.of(image), "prod");
        PromotionTransaction transaction = new PromotionTransaction(servers.connector(Transport.GIT_DAEMON), BOT, PATIENT, scratch);
        return ImagePromotion.of(promotion, PromotionPolicy.DEFAULT).run(transaction);
    }

    interface Indexed<T> {
        T call(int index) throws Exception;
    }

    private static <T> List<T> concurrently(Indexed<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int index = i;
                calls.add(() -> task.call(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls, 3, TimeUnit.MINUTES)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String attempts(List<PromotionResult> results) {
        return results.stream().map(PromotionResult::attempts).sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
