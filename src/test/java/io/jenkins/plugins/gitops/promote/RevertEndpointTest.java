package io.jenkins.plugins.gitops.promote;

import static io.jenkins.plugins.gitops.promote.TextEdits.setLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.testing.BareRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The revert endpoint through its own request seam, against a real repository, with hostile requests; its reverts
 * run on an executor the test drives, as they run off the request thread.
 */
class RevertEndpointTest {

    private static final GitIdentity BOT = new GitIdentity("Jenkins", "jenkins@localhost");
    private static final String JOB = "shop/web";
    private static final String VALUES = "apps/web/values.txt";

    @TempDir
    Path dir;

    BareRepository origin;
    String promoted;
    final AtomicInteger runs = new AtomicInteger();
    /** The reverts' executor: what it was handed waits here until the test runs it, as a busy thread would. */
    final Queue<Runnable> pending = new ArrayDeque<>();
    RevertRuns reverts;
    RevertEndpoint endpoint;

    record FakeRequest(String method, Map<String, String> parameters, boolean mayRevert, String user)
            implements RevertEndpoint.Request {

        @Override
        public String parameter(String name) {
            return parameters.get(name);
        }
    }

    @BeforeEach
    void promoteOnce() throws IOException {
        origin = BareRepository.create(dir, "config", "main", Map.of(VALUES, "image: registry.example/web:1.0\n"));
        Promotion promotion = Promotion.of(origin.fileUrl(), "main", RepositoryPath.parse("apps/web"),
                List.of("registry.example/web:2.0"), "staging").withProvenance(Provenance.of(JOB, 42, null));
        promoted = new PromotionTransaction(JGitConfigRepository.connector(GitCredentials.none(), HttpsTrust.SYSTEM), BOT,
                RetryPolicy.DEFAULT, dir.resolve("scratch"))
                .run(promotion, setLine("values.txt", "image: ", "registry.example/web:2.0"))
                .commit();
        Environments environments = Environments.of(List.of(
                new Environment("staging", origin.fileUrl(), "main", RepositoryPath.parse("apps/web"), null, null)));
        RevertTransaction transaction = new RevertTransaction(
                url -> new JGitConfigRepository(url, GitCredentials.none(), HttpsTrust.SYSTEM, JGitConfigRepository.DEFAULT_TIMEOUT),
                BOT, RetryPolicy.DEFAULT, dir.resolve("scratch"));
        reverts = new RevertRuns(pending::add);
        endpoint = new RevertEndpoint(() -> environments, (environment, revert) -> {
            runs.incrementAndGet();
            return transaction.run(revert);
        }, reverts);
    }

    RevertEndpoint.Answer post(Map<String, String> parameters) {
        return endpoint.handle(new FakeRequest("POST", parameters, true, "alice"), JOB, this::promotedByTheJob);
    }

    Set<String> promotedByTheJob(String environment) {
        return environment.equals("staging") ? Set.of(promoted) : Set.of();
    }

    static Map<String, String> params(String environment, String commit) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("environment", environment);
        parameters.put("commit", commit);
        return parameters;
    }

    void runPending() {
        while (!pending.isEmpty()) {
            pending.remove().run();
        }
    }

    @Test
    void aPostByAUserWhoMayBuildAnswersAtOnceThatTheRevertRunsThenItsProgressTellsTheRevertCommit() {
        RevertEndpoint.Answer answer = post(params("staging", promoted));

        String running = "Reverting commit " + promoted.substring(0, 7) + " in staging...";
        assertThat(answer).isEqualTo(new RevertEndpoint.Answer(303, running, true));
        assertThat(runs).as("nothing fetched on the request thread").hasValue(0);
        assertThat(origin.head("main")).contains(promoted);
        assertThat(reverts.progress(JOB)).contains(RevertRuns.Progress.running(running));

        runPending();

        String revert = origin.head("main").orElseThrow();
        assertThat(reverts.progress(JOB)).contains(RevertRuns.Progress.done("Reverted commit " + promoted.substring(0, 7)
                + " in staging as commit " + revert.substring(0, 7) + " on branch 'main'.", revert));
        assertThat(origin.read("main", VALUES)).isEqualTo("image: registry.example/web:1.0\n");
        assertThat(origin.messages("main").get(0)).endsWith("Reverted-By: alice\nReverted-From: shop/web");
    }

    @Test
    void aSecondPostWhileTheJobsRevertRunsIsNotStartedAndSaysWhichOneRuns() {
        post(params("staging", promoted));

        RevertEndpoint.Answer second = post(params("staging", promoted));

        assertThat(second).isEqualTo(new RevertEndpoint.Answer(303, "Not started: another revert of shop/web is running."
                + " Reverting commit " + promoted.substring(0, 7) + " in staging...", false));
        assertThat(pending).as("one revert handed to the executor").hasSize(1);
        runPending();
        assertThat(runs).hasValue(1);
        assertThat(origin.messages("main")).hasSize(3);
    }

    @Test
    void anotherJobsRevertRunsBesideThisOne() {
        post(params("staging", promoted));

        RevertEndpoint.Answer other = endpoint.handle(new FakeRequest("POST", params("staging", promoted), true, "bob"), "shop/api",
                this::promotedByTheJob);

        assertThat(other.started()).isTrue();
        assertThat(pending).hasSize(2);
    }

    @Test
    void onceTheRevertIsDoneTheNextPostStartsAgainAndItsFailureIsTheOneLineReason() {
        post(params("staging", promoted));
        runPending();

        assertThat(post(params("staging", promoted)).started()).isTrue();
        runPending();

        assertThat(reverts.progress(JOB).orElseThrow()).satisfies(progress -> {
            assertThat(progress.state()).isEqualTo(RevertRuns.State.FAILED);
            assertThat(progress.text()).startsWith("Could not revert commit " + promoted.substring(0, 7) + " in staging: ")
                    .doesNotContain("\n");
            assertThat(progress.commit()).isNull();
        });
    }

    @Test
    void getIsRefusedAndChangesNothing() {
        RevertEndpoint.Answer answer = endpoint.handle(new FakeRequest("GET", params("staging", promoted), true, "alice"), JOB,
                this::promotedByTheJob);

        assertThat(answer).isEqualTo(new RevertEndpoint.Answer(405, "revert needs a POST request, with the CSRF crumb", false));
        assertThat(runs).hasValue(0);
        assertThat(origin.head("main")).contains(promoted);
    }

    @Test
    void aUserWithoutBuildPermissionIsRefusedBeforeAnythingElse() {
        RevertEndpoint.Answer answer = endpoint.handle(new FakeRequest("POST", params("nowhere", "HEAD"), false, "mallory"), JOB,
                this::promotedByTheJob);

        assertThat(answer).isEqualTo(new RevertEndpoint.Answer(403,
                "mallory may not revert promotions of shop/web: that needs its Build permission", false));
        assertThat(runs).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "../../etc/passwd", "staging/../production", "STAGING%00", "<script>"})
    void anUnknownEnvironmentIsRefused(String environment) {
        RevertEndpoint.Answer answer = post(params(environment, promoted));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.notice()).isEqualTo("no environment named '" + environment + "' is configured");
        assertThat(runs).hasValue(0);
    }

    @Test
    void aMissingEnvironmentIsRefused() {
        assertThat(post(params(null, promoted)))
                .isEqualTo(new RevertEndpoint.Answer(400, "give the environment to revert in: ?environment=NAME", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "main", "HEAD~1", "../../../etc/passwd", "abc", "5f00aee\nInjected: yes", "-–all", ""})
    void whatIsNotACommitIdIsRefused(String commit) {
        RevertEndpoint.Answer answer = post(params("staging", commit));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.notice()).doesNotContain("\n").contains("commit");
        assertThat(runs).hasValue(0);
        assertThat(origin.head("main")).contains(promoted);
    }

    @Test
    void aCommitTheJobDidNotPromoteThereIsRefused() {
        String other = origin.commit("main", Map.of("notes.txt", "x\n"), "Promote registry.example/web:9 to staging\n\nPromoted-Image: x");

        RevertEndpoint.Answer answer = post(params("staging", other));

        assertThat(answer).isEqualTo(new RevertEndpoint.Answer(404,
                "shop/web recorded no promotion of commit " + other + " to staging", false));
        assertThat(runs).hasValue(0);
    }

    @Test
    void aRevertThatFailsTellsTheReasonAsItsProgress() {
        origin.commit("main", Map.of(VALUES, "image: registry.example/web:3.0\n"), "Promote registry.example/web:3.0 by hand");

        RevertEndpoint.Answer answer = post(params("staging", promoted));
        runPending();

        assertThat(answer.redirect()).isTrue();
        assertThat(reverts.progress(JOB)).contains(RevertRuns.Progress.failed("Could not revert commit " + promoted.substring(0, 7)
                + " in staging: cannot revert commit " + promoted + " on branch 'main' of " + origin.fileUrl()
                + ": later commits changed the same lines of " + VALUES));
    }

    @Test
    void aRevertThatThrowsSomethingUnforeseenIsAFailureNotALostThread() {
        RevertRuns runsAlone = new RevertRuns(pending::add);
        runsAlone.start(JOB, RevertRuns.Progress.running("Reverting..."), () -> {
            throw new IllegalStateException("no repository");
        });
        runPending();

        assertThat(runsAlone.progress(JOB))
                .contains(RevertRuns.Progress.failed("The revert failed unexpectedly: java.lang.IllegalStateException: no repository"));
    }

    @Test
    void aRevertTheExecutorRefusesIsAFailureAndTheNextMayStart() {
        RevertRuns shutDown = new RevertRuns(work -> {
            throw new RejectedExecutionException("shut down");
        });

        assertThat(shutDown.start(JOB, RevertRuns.Progress.running("Reverting..."), () -> RevertRuns.Progress.failed("never"))).isEmpty();

        assertThat(shutDown.progress(JOB))
                .contains(RevertRuns.Progress.failed("The revert was not started: the controller is shutting down."));
        assertThat(shutDown.start(JOB, RevertRuns.Progress.running("Reverting..."), () -> RevertRuns.Progress.failed("never"))).isEmpty();
    }

    @Test
    void theAddressNamesThePromotionInItsQuery() {
        assertThat(RevertEndpoint.url("/jenkins/job/shop/job/web/gitops/", "staging", promoted))
                .isEqualTo("/jenkins/job/shop/job/web/gitops/revert?environment=staging&commit=" + promoted);
    }
}
