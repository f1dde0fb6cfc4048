package io.jenkins.plugins.gitops.promote;

import static io.jenkins.plugins.gitops.promote.TextEdits.setLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HostKeyChecking;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import io.jenkins.plugins.gitops.testing.SshGitServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(GitServers.Resolver.class)
class PromotionTransactionTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");
    private static final String VALUES = "values.txt";
    private static final RepositoryPath WEB = RepositoryPath.parse("apps/web");

    static GitServers servers;

    @TempDir
    Path scratch;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    static BareRepository seeded() {
        return servers.seed("main", Map.of(
                "apps/web/values.txt", "image: registry.example/web:1.0\nreplicas: 2\n",
                "apps/api/values.txt", "image: registry.example/api:1.0\n"));
    }

    PromotionTransaction transaction(Transport transport) {
        return new PromotionTransaction(servers.connector(transport), BOT, RetryPolicy.DEFAULT, scratch);
    }

    static Promotion promotion(Transport transport, BareRepository origin, String image) {
        return Promotion.of(servers.url(transport, origin), "main", WEB, List.of(image), "staging")
                .withProvenance(Provenance.of("web/main", 42, "https://jenkins.example/job/web/job/main/42/"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void promotesAnImageWithTheCommitTrailers(Transport transport) throws IOException {
        BareRepository origin = seeded();

        PromotionResult result = transaction(transport).run(
                promotion(transport, origin, "registry.example/web:2.0"), setLine(VALUES, "image: ", "registry.example/web:2.0"));

        assertThat(result.changed()).isTrue();
        assertThat(result.files()).containsExactly("apps/web/values.txt");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.branch()).isEqualTo("main");
        assertThat(origin.head("main")).contains(result.commit());
        assertThat(origin.read("main", "apps/web/values.txt")).isEqualTo("image: registry.example/web:2.0\nreplicas: 2\n");
        assertThat(origin.messages("main").get(0)).isEqualTo("""
                Promote registry.example/web:2.0 to staging

                Promoted-Image: registry.example/web:2.0
                Promoted-By: web/main #42
                Build-Url: https://jenkins.example/job/web/job/main/42/""");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void rePromotingTheImageAlreadyThereMakesNoCommit() throws IOException {
        BareRepository origin = seeded();
        Promotion promotion = promotion(Transport.GIT_DAEMON, origin, "registry.example/web:2.0");
        ConfigEdit edit = setLine(VALUES, "image: ", "registry.example/web:2.0");
        PromotionResult first = transaction(Transport.GIT_DAEMON).run(promotion, edit);

        PromotionResult again = transaction(Transport.GIT_DAEMON).run(promotion, edit);

        assertThat(again.changed()).isFalse();
        assertThat(again.commit()).isEqualTo(first.commit());
        assertThat(again.files()).isEmpty();
        assertThat(origin.commitCount("main")).isEqualTo(2);
    }

    @Test
    void anEditThatRewritesIdenticalBytesMakesNoCommit() throws IOException {
        BareRepository origin = seeded();
        ConfigEdit rewrite = directory -> {
            java.nio.file.Files.writeString(directory.resolve(VALUES), "image: registry.example/web:1.0\nreplicas: 2\n");
            return List.of(Path.of(VALUES));
        };

        PromotionResult result = transaction(Transport.FILE).run(promotion(Transport.FILE, origin, "registry.example/web:1.0"), rewrite);

        assertThat(result.changed()).isFalse();
        assertThat(origin.commitCount("main")).isEqualTo(1);
    }

    @Test
    void wrongHttpsTokenFailsClearlyAndPushesNothing() {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        var transaction = new PromotionTransaction(
                servers.connector(GitCredentials.usernameToken(GitServers.HTTPS_USER, "not-the-token")), BOT, RetryPolicy.DEFAULT, scratch);

        assertThatThrownBy(() -> transaction.run(promotion(Transport.HTTPS, origin, "registry.example/web:2.0"),
                        setLine(VALUES, "image: ", "registry.example/web:2.0")))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                .hasMessageContaining("authentication failed")
                .hasMessageContaining(servers.url(Transport.HTTPS, origin))
                .hasMessageNotContaining("not-the-token");
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void wrongSshKeyFailsClearlyAndPushesNothing() {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        Path stranger = SshGitServer.generateKey(scratch.resolveSibling(scratch.getFileName() + "-stranger"));
        var transaction = new PromotionTransaction(
                servers.connector(GitCredentials.sshKey(stranger, null, HostKeyChecking.strict(servers.ssh().knownHosts()))),
                BOT, RetryPolicy.DEFAULT, scratch);

        assertThatThrownBy(() -> transaction.run(promotion(Transport.SSH, origin, "registry.example/web:2.0"),
                        setLine(VALUES, "image: ", "registry.example/web:2.0")))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.AUTHENTICATION))
                .hasMessageContaining("the SSH key")
                .hasMessageContaining("was refused");
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void refusesAPathThatDoesNotExistOnTheBranch() {
        BareRepository origin = seeded();
        Promotion promotion = Promotion.of(origin.fileUrl(), "main", RepositoryPath.parse("apps/missing"),
                List.of("registry.example/web:2.0"), "staging");

        assertThatThrownBy(() -> transaction(Transport.FILE).run(promotion, directory -> List.of()))
                .isInstanceOf(PromotionException.class)
                .hasMessage("path 'apps/missing' does not exist on branch 'main' of " + origin.fileUrl());
    }

    @Test
    void refusesAPathThatLeavesTheRepositoryThroughASymbolicLink() {
        BareRepository origin = seeded();
        origin.commitSymbolicLink("main", "apps/outside", "/etc", "Link out of the repository");
        Promotion promotion = Promotion.of(origin.fileUrl(), "main", RepositoryPath.parse("apps/outside"),
                List.of("registry.example/web:2.0"), "staging");
        AtomicBoolean edited = new AtomicBoolean();

        assertThatThrownBy(() -> transaction(Transport.FILE).run(promotion, directory -> {
                    edited.set(true);
                    return List.of();
                }))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("path 'apps/outside'")
                .hasMessageContaining("leaves the repository");
        assertThat(edited).isFalse();
    }

    @Test
    void refusesAPathThatClimbsOutOfTheRepository() {
        assertThatThrownBy(() -> Promotion.of("file:///r.git", "main", RepositoryPath.parse("apps/../../etc"),
                        List.of("registry.example/web:2.0"), "staging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path 'apps/../../etc' leaves the repository");
    }

    @Test
    void refusesAnEditOfAFileOutsideThePathAndPushesNothing() {
        BareRepository origin = seeded();
        String before = origin.head("main").orElseThrow();
        ConfigEdit sneaky = directory -> {
            // Only the promotion's path is checked out: the sneaky edit makes its way out itself.
            java.nio.file.Files.createDirectories(directory.resolve("../api"));
            java.nio.file.Files.writeString(directory.resolve("../api/values.txt"), "image: evil:1\n");
            return List.of(Path.of("../api/values.txt"));
        };

        assertThatThrownBy(() -> transaction(Transport.FILE).run(promotion(Transport.FILE, origin, "evil:1"), sneaky))
                .isInstanceOf(PromotionException.class)
                .hasMessage("the edit changed '../api/values.txt', which is outside path 'apps/web'");
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void retriesAfterAnotherClonePushedInBetweenAndKeepsBothChanges() throws IOException {
        BareRepository origin = seeded();
        ConfigEdit promote = setLine(VALUES, "image: ", "registry.example/web:2.0");
        AtomicBoolean raced = new AtomicBoolean();
        ConfigEdit racing = directory -> {
            if (raced.compareAndSet(false, true)) {
                origin.commit("main", Map.of("apps/web/values.txt", "image: registry.example/web:1.0\nreplicas: 5\n"), "Scale web to 5");
            }
            return promote.apply(directory);
        };

        PromotionResult result = transaction(Transport.HTTPS).run(promotion(Transport.HTTPS, origin, "registry.example/web:2.0"), racing);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(origin.read("main", "apps/web/values.txt")).isEqualTo("image: registry.example/web:2.0\nreplicas: 5\n");
        assertThat(origin.messages("main")).hasSize(3);
        assertThat(origin.messages("main").get(1)).isEqualTo("Scale web to 5");
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheBranch() {
        BareRepository origin = seeded();
        ConfigEdit alwaysRaced = directory -> {
            origin.commit("main", Map.of("other.txt", String.valueOf(System.nanoTime())), "Someone else");
            return setLine(VALUES, "image: ", "registry.example/web:2.0").apply(directory);
        };
        var transaction = new PromotionTransaction(servers.connector(Transport.FILE), BOT,
                new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20)), scratch);

        assertThatThrownBy(() -> transaction.run(promotion(Transport.FILE, origin, "registry.example/web:2.0"), alwaysRaced))
                .isInstanceOf(PromotionException.class)
                .hasMessage("could not promote to branch 'main' of " + origin.fileUrl()
                        + ": other pushes moved the branch first in all 3 attempts");
        assertThat(origin.read("main", "apps/web/values.txt")).contains("web:1.0");
    }

    @Test
    void pullRequestModePushesToABranchOfItsOwn() throws IOException {
        BareRepository origin = seeded();
        String main = origin.head("main").orElseThrow();
        Promotion promotion = promotion(Transport.GIT_DAEMON, origin, "registry.example/web:2.0")
                .withPullRequest(PullRequest.toDefaultBranch());

        PromotionResult result = transaction(Transport.GIT_DAEMON).run(promotion, setLine(VALUES, "image: ", "registry.example/web:2.0"));

        assertThat(result.branch()).isEqualTo("gitops/staging/web/main-42");
        assertThat(origin.head("gitops/staging/web/main-42")).contains(result.commit());
        assertThat(origin.head("main")).contains(main);
        assertThat(origin.read("gitops/staging/web/main-42", "apps/web/values.txt")).contains("web:2.0");
    }

    @Test
    void pullRequestModeTakesAGivenBranchName() throws IOException {
        BareRepository origin = seeded();
        Promotion promotion = promotion(Transport.FILE, origin, "registry.example/web:2.0")
                .withPullRequest(PullRequest.toBranch("review/web-2.0"));

        PromotionResult result = transaction(Transport.FILE).run(promotion, setLine(VALUES, "image: ", "registry.example/web:2.0"));

        assertThat(result.branch()).isEqualTo("review/web-2.0");
        assertThat(origin.head("review/web-2.0")).contains(result.commit());
    }

    @Test
    void pullRequestBranchThatAlreadyHoldsOtherCommitsIsRefused() {
        BareRepository origin = seeded();
        String theirs = origin.commit("review/web", Map.of("notes.txt", "someone's review\n"), "Unrelated work");
        Promotion promotion = promotion(Transport.FILE, origin, "registry.example/web:2.0")
                .withPullRequest(PullRequest.toBranch("review/web"));

        assertThatThrownBy(() -> transaction(Transport.FILE).run(promotion, setLine(VALUES, "image: ", "registry.example/web:2.0")))
                .isInstanceOf(PromotionException.class)
                .hasMessage("pull-request branch 'review/web' of " + origin.fileUrl()
                        + " already exists with other commits; choose another branch name");
        assertThat(origin.head("review/web")).contains(theirs);
    }

    @Test
    void sixteenConcurrentPromotionsOfDifferentLinesAllLand() throws Exception {
        int n = 16;
        String initial = IntStream.range(0, n).mapToObj(i -> "line" + i + "=old").collect(Collectors.joining("\n", "", "\n"));
        BareRepository origin = servers.seed("main", Map.of("apps/web/values.txt", initial));

        List<PromotionResult> results = concurrently(n, i -> transaction(Transport.GIT_DAEMON).run(
                promotion(Transport.GIT_DAEMON, origin, "registry.example/web:" + i),
                setLine(VALUES, "line" + i + "=", "new" + i)));

        assertThat(results).allSatisfy(result -> assertThat(result.changed()).isTrue());
        assertThat(origin.commitCount("main")).isEqualTo(1 + n);
        assertThat(origin.read("main", "apps/web/values.txt"))
                .isEqualTo(IntStream.range(0, n).mapToObj(i -> "line" + i + "=new" + i).collect(Collectors.joining("\n", "", "\n")));
        System.out.println("different lines: attempts " + attempts(results));
    }

    @Test
    void sixteenConcurrentPromotionsOfOneFieldAllLandAndTheLastPushedWins() throws Exception {
        int n = 16;
        BareRepository origin = seeded();

        List<PromotionResult> results = concurrently(n, i -> transaction(Transport.GIT_DAEMON).run(
                promotion(Transport.GIT_DAEMON, origin, "registry.example/web:" + i),
                setLine(VALUES, "image: ", "registry.example/web:" + i)));

        assertThat(results).allSatisfy(result -> assertThat(result.changed()).isTrue());
        List<String> messages = origin.messages("main");
        assertThat(messages).hasSize(1 + n);
        List<String> promoted = messages.subList(0, n).stream()
                .map(message -> message.lines().filter(line -> line.startsWith("Promoted-Image: ")).findFirst().orElseThrow())
                .map(line -> line.substring("Promoted-Image: ".length()))
                .toList();
        assertThat(promoted).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, n).mapToObj(i -> "registry.example/web:" + i).toList());
        assertThat(origin.read("main", "apps/web/values.txt")).isEqualTo("image: " + promoted.get(0) + "\nreplicas: 2\n");
        System.out.println("one field: attempts " + attempts(results));
    }

    interface Indexed<T> {
        T call(int index) throws Exception;
    }

    private static <T> List<T> concurrently(int n, Indexed<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
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
