package io.jenkins.plugins.gitops.promote;

import static io.jenkins.plugins.gitops.promote.TextEdits.setLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.HostKeyChecking;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.RevertMessage;
import io.jenkins.plugins.gitops.git.RevertingRepository;
import io.jenkins.plugins.gitops.git.WorkingTree;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(GitServers.Resolver.class)
class RevertTransactionTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");
    private static final RepositoryPath WEB = RepositoryPath.parse("apps/web");
    private static final String VALUES = "apps/web/values.txt";
    private static final RevertRequester ALICE = RevertRequester.person("alice", "web/main");

    static GitServers servers;

    @TempDir
    Path scratch;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    static BareRepository seeded() {
        return servers.seed("main", Map.of(
                VALUES, "image: registry.example/web:1.0\nreplicas: 2\n",
                "apps/api/values.txt", "image: registry.example/api:1.0\n"));
    }

    Function<String, JGitConfigRepository> repositories(Transport transport) {
        return url -> new JGitConfigRepository(url, servers.credentials(transport), servers.trust(), Duration.ofSeconds(30));
    }

    RevertTransaction transaction(Transport transport) {
        return new RevertTransaction(repositories(transport), BOT, RetryPolicy.DEFAULT, scratch);
    }

    /** Promotes web to {@code version} in staging through the promotion engine; returns the promotion commit. */
    String promote(Transport transport, BareRepository origin, String version, String environment) throws IOException {
        Promotion promotion = Promotion.of(servers.url(transport, origin), "main", WEB, List.of("registry.example/web:" + version),
                        environment)
                .withProvenance(Provenance.of("web/main", 42, "https://jenkins.example/job/web/job/main/42/"));
        return new PromotionTransaction(servers.connector(transport), BOT, RetryPolicy.DEFAULT, scratch)
                .run(promotion, setLine("values.txt", "image: ", "registry.example/web:" + version))
                .commit();
    }

    static Revert revert(Transport transport, BareRepository origin, String commit, RevertRequester requester) {
        return new Revert(servers.url(transport, origin), "main", "staging", commit, requester);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void revertsAPromotionAsANewCommitNamingItAndWhoAsked(Transport transport) throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(transport, origin, "2.0", "staging");

        RevertResult result = transaction(transport).run(revert(transport, origin, promoted, ALICE));

        assertThat(result.reverted()).isEqualTo(promoted);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.branch()).isEqualTo("main");
        assertThat(origin.head("main")).contains(result.commit());
        assertThat(origin.read("main", VALUES)).isEqualTo("image: registry.example/web:1.0\nreplicas: 2\n");
        assertThat(origin.messages("main").get(0)).isEqualTo("""
                Revert "Promote registry.example/web:2.0 to staging"

                This reverts commit %s.

                Reverted-By: alice
                Reverted-From: web/main""".formatted(promoted));
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void revertsOverSshWithAPrivateKeyHeldAsTextWrittenForItsOwnerOnly(@TempDir Path keys) throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(Transport.SSH, origin, "2.0", "staging");
        GitCredentials key = GitCredentials.sshKeyText(Files.readString(servers.ssh().userKey()), null,
                HostKeyChecking.strict(servers.ssh().knownHosts()), keys.resolve("ssh"));

        RevertResult result = new RevertTransaction(
                url -> new JGitConfigRepository(url, key, servers.trust(), Duration.ofSeconds(30)), BOT, RetryPolicy.DEFAULT, scratch)
                .run(revert(Transport.SSH, origin, promoted, ALICE));

        assertThat(origin.head("main")).contains(result.commit());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("ssh/identity")))).isEqualTo("rw-------");
    }

    @Test
    void aBuildThatRevertsIsNamedWithItsUrlAndAnAbbreviatedIdIsEnough() throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(Transport.FILE, origin, "2.0", "staging");
        RevertRequester build = RevertRequester.build(Provenance.of("web/rollback", 7, "https://jenkins.example/job/web/job/rollback/7/"));

        RevertResult result = transaction(Transport.FILE).run(revert(Transport.FILE, origin, promoted.substring(0, 10).toUpperCase(), build));

        assertThat(result.reverted()).isEqualTo(promoted);
        assertThat(origin.messages("main").get(0)).endsWith("""
                This reverts commit %s.

                Reverted-From: web/rollback #7
                Build-Url: https://jenkins.example/job/web/job/rollback/7/""".formatted(promoted));
    }

    @Test
    void aRevertThatLostARaceIsMadeAgainOnTheNewTipAndKeepsTheOtherCommit() throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(Transport.GIT_DAEMON, origin, "2.0", "staging");
        AtomicBoolean raced = new AtomicBoolean();
        Function<String, RevertingRepository> racing = url -> new RacingRepository(repositories(Transport.GIT_DAEMON).apply(url), () -> {
            if (raced.compareAndSet(false, true)) {
                origin.commit("main", Map.of("apps/api/values.txt", "image: registry.example/api:1.1\n"), "Promote api by hand");
            }
        });

        RevertResult result = new RevertTransaction(racing, BOT, RetryPolicy.DEFAULT, scratch)
                .run(revert(Transport.GIT_DAEMON, origin, promoted, ALICE));

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(origin.messages("main")).hasSize(4);
        assertThat(origin.messages("main").get(1)).isEqualTo("Promote api by hand");
        assertThat(origin.read("main", VALUES)).contains("web:1.0");
        assertThat(origin.read("main", "apps/api/values.txt")).contains("api:1.1");
    }

    @Test
    void givesUpWhenTheBranchKeepsMovingNamingTheCommitAndBranch() throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(Transport.FILE, origin, "2.0", "staging");
        Function<String, RevertingRepository> alwaysRaced = url -> new RacingRepository(repositories(Transport.FILE).apply(url),
                () -> origin.commit("main", Map.of("notes.txt", String.valueOf(System.nanoTime())), "Someone else"));
        var transaction = new RevertTransaction(alwaysRaced, BOT, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), scratch);

        assertThatThrownBy(() -> transaction.run(revert(Transport.FILE, origin, promoted, ALICE)))
                .isInstanceOf(PromotionException.class)
                .hasMessage("could not revert commit " + promoted + " on branch 'main' of " + origin.fileUrl()
                        + ": other pushes moved the branch first in all 3 attempts");
        assertThat(origin.read("main", VALUES)).contains("web:2.0");
    }

    @Test
    void aRevertThatConflictsWithALaterPromotionFailsNamingTheCommitAndFileAndPushesNothing() throws IOException {
        BareRepository origin = seeded();
        String first = promote(Transport.FILE, origin, "2.0", "staging");
        String later = promote(Transport.FILE, origin, "3.0", "staging");

        assertThatThrownBy(() -> transaction(Transport.FILE).run(revert(Transport.FILE, origin, first, ALICE)))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.OTHER))
                .hasMessage("cannot revert commit " + first + " on branch 'main' of " + origin.fileUrl()
                        + ": later commits changed the same lines of " + VALUES);
        assertThat(origin.head("main")).contains(later);
    }

    @Test
    void refusesACommitThatIsNotOnTheBranch() throws IOException {
        BareRepository origin = seeded();
        String elsewhere = origin.commit("experiment", Map.of(VALUES, "image: registry.example/web:9.9\n"),
                "Promote registry.example/web:9.9 to staging\n\nPromoted-Image: registry.example/web:9.9");
        String before = origin.head("main").orElseThrow();

        assertThatThrownBy(() -> transaction(Transport.FILE).run(revert(Transport.FILE, origin, elsewhere, ALICE)))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.NOT_FOUND))
                .hasMessage("commit " + elsewhere + " is not on branch 'main' of " + origin.fileUrl());
        assertThat(origin.head("main")).contains(before);
    }

    @Test
    void refusesACommitThatIsNotAPromotion() {
        BareRepository origin = seeded();
        String scale = origin.commit("main", Map.of(VALUES, "image: registry.example/web:1.0\nreplicas: 5\n"), "Scale web to 5");

        assertThatThrownBy(() -> transaction(Transport.FILE).run(revert(Transport.FILE, origin, scale, ALICE)))
                .isInstanceOf(PromotionException.class)
                .hasMessage("commit " + scale + " on branch 'main' of " + origin.fileUrl()
                        + " is not a promotion to staging (its subject is 'Scale web to 5'); only promotion commits are reverted");
        assertThat(origin.head("main")).contains(scale);
    }

    @Test
    void refusesAPromotionToAnotherEnvironment() throws IOException {
        BareRepository origin = seeded();
        String production = promote(Transport.FILE, origin, "2.0", "production");

        assertThatThrownBy(() -> transaction(Transport.FILE).run(revert(Transport.FILE, origin, production, ALICE)))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("is not a promotion to staging (its subject is 'Promote registry.example/web:2.0 to production')");
        assertThat(origin.head("main")).contains(production);
    }

    @Test
    void refusesToRevertTheSamePromotionTwice() throws IOException {
        BareRepository origin = seeded();
        String promoted = promote(Transport.FILE, origin, "2.0", "staging");
        RevertResult first = transaction(Transport.FILE).run(revert(Transport.FILE, origin, promoted, ALICE));

        assertThatThrownBy(() -> transaction(Transport.FILE).run(revert(Transport.FILE, origin, promoted, ALICE)))
                .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.kind()).isEqualTo(GitException.Kind.INVALID))
                .hasMessage("nothing to revert: the changes of commit " + promoted + " are no longer on branch 'main' of "
                        + origin.fileUrl() + " (already reverted?)");
        assertThat(origin.head("main")).contains(first.commit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "main~1", "../../etc/passwd", "abc", "0123456789abcdef0123456789abcdef012345678",
        "5f00aee; rm -rf /", "--all"})
    void refusesWhatIsNotACommitIdBeforeFetchingAnything(String commit) {
        assertThatThrownBy(() -> new Revert("file:///r.git", "main", "staging", commit, ALICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commit '" + commit + "' is not a commit id: give 7 to 40 hexadecimal digits");
    }

    @Test
    void aRefusedValueIsRepeatedOnOneLineAndShort() {
        assertThatThrownBy(() -> new Revert("file:///r.git", "main", "staging", "abc\ndef" + "x".repeat(100), ALICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commit 'abc?def" + "x".repeat(53) + "...' is not a commit id: give 7 to 40 hexadecimal digits");
    }

    /** A repository that lets another push land after each revert is made and before it is pushed. */
    private record RacingRepository(JGitConfigRepository delegate, Runnable beforePush) implements RevertingRepository {

        @Override
        public String url() {
            return delegate.url();
        }

        @Override
        public WorkingTree revert(String branch, String commit, GitIdentity committer, Path directory, RevertMessage message) {
            WorkingTree tree = delegate.revert(branch, commit, committer, directory, message);
            beforePush.run();
            return tree;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
