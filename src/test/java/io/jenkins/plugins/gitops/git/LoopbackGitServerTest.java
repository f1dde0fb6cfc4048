package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback git:// server (JGit's daemon) and reverting a commit, over the real git protocol. */
class LoopbackGitServerTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");

    @TempDir
    Path work;

    private LoopbackGitServer server;
    private String seed;
    private int checkouts;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackGitServer.start(work.resolve("served"));
        Path content = Files.createDirectories(work.resolve("content/apps/web"));
        Files.writeString(content.resolve("image.txt"), "image: web:1.0\n");
        seed = server.create("config", "main", work.resolve("content"), BOT, "Add web");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesTheCreatedRepositoryForFetchAndPushOnLoopback() throws IOException {
        assertThat(server.url("config")).matches("git://127\\.0\\.0\\.1:[0-9]+/config\\.git");
        try (ConfigRepository repository = open()) {
            assertThat(repository.tip("main")).contains(seed);
            String commit = change(repository, "image: web:2.0\n", "Promote web:2.0");
            assertThat(repository.tip("main")).contains(commit);
        }
    }

    @Test
    void refusesToCreateARepositoryTwice() {
        assertThatThrownBy(() -> server.create("config", "main", work.resolve("content"), BOT, "again"))
                .isInstanceOf(GitException.class)
                .hasMessage("repository config.git exists already");
    }

    @Test
    void revertsACommitAsGitRevertDoes() throws IOException {
        try (JGitConfigRepository repository = open()) {
            String promotion = change(repository, "image: web:2.0\n", "Promote web:2.0 to staging");
            String revert;
            try (WorkingTree tree = repository.revert("main", promotion, BOT, work.resolve("revert"))) {
                assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
                revert = tree.head();
            }
            assertThat(repository.tip("main")).contains(revert);
            try (WorkingTree tree = repository.checkout("main", work.resolve("after"))) {
                assertThat(tree.directory().resolve("apps/web/image.txt")).hasContent("image: web:1.0");
            }
            assertThat(messageOf(revert)).isEqualTo(
                    "Revert \"Promote web:2.0 to staging\"\n\nThis reverts commit " + promotion + ".\n");
        }
    }

    @Test
    void refusesToRevertACommitThatIsNotOnTheBranch() {
        try (JGitConfigRepository repository = open()) {
            assertThatThrownBy(() -> repository.revert("main", "0123456789abcdef0123456789abcdef01234567", BOT, work.resolve("r")))
                    .isInstanceOf(GitException.class)
                    .hasMessage("commit 0123456789abcdef0123456789abcdef01234567 is not on branch 'main' of " + server.url("config"))
                    .extracting(e -> ((GitException) e).kind()).isEqualTo(GitException.Kind.NOT_FOUND);
        }
    }

    @Test
    void refusesARevertThatConflictsWithLaterCommitsAndLeavesTheBranchAlone() throws IOException {
        try (JGitConfigRepository repository = open()) {
            String first = change(repository, "image: web:2.0\n", "Promote web:2.0");
            String second = change(repository, "image: web:3.0\n", "Promote web:3.0");
            assertThatThrownBy(() -> repository.revert("main", first, BOT, work.resolve("r")))
                    .isInstanceOf(GitException.class)
                    .hasMessage("cannot revert commit " + first + " on branch 'main' of " + server.url("config")
                            + ": later commits changed the same lines of apps/web/image.txt");
            assertThat(repository.tip("main")).contains(second);
        }
    }

    private JGitConfigRepository open() {
        return new JGitConfigRepository(server.url("config"), GitCredentials.none(), HttpsTrust.SYSTEM, Duration.ofSeconds(30));
    }

    private String change(ConfigRepository repository, String content, String message) throws IOException {
        try (WorkingTree tree = repository.checkout("main", work.resolve("change-" + ++checkouts))) {
            Files.writeString(tree.directory().resolve("apps/web/image.txt"), content);
            String commit = tree.commit(List.of("apps/web/image.txt"), message, BOT, BOT).orElseThrow();
            assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
            return commit;
        }
    }

    private String messageOf(String commit) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(work.resolve("served/config.git").toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve(commit)).getFullMessage();
        }
    }
}
