package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the agent reports as newly applied: the commits a new tip adds to the revision applied before. */
@ExtendWith(GitServers.Resolver.class)
class CommitsSinceTest {

    static GitServers servers;

    @TempDir
    Path work;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    @Test
    void listsEveryCommitSinceThePreviousRevisionNewestFirstThoughTheCheckoutIsShallow() {
        BareRepository origin = servers.seed("main", Map.of("app.yaml", "image: web:1.0\n"));
        String applied = origin.head("main").orElseThrow();
        List<String> promotions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            promotions.add(origin.commit("main", Map.of("app.yaml", "image: web:1." + i + "\n"), "Promote web:1." + i));
        }
        Collections.reverse(promotions);

        try (ConfigRepository repository = open(origin); WorkingTree tree = repository.checkout("main", work.resolve("t"))) {
            assertThat(tree.commitsSince(applied, 500)).containsExactlyElementsOf(promotions);
        }
    }

    @Test
    void isJustTheHeadWhenNothingWasAppliedBefore() {
        BareRepository origin = servers.seed("main", Map.of("app.yaml", "image: web:1.0\n"));
        String head = origin.commit("main", Map.of("app.yaml", "image: web:1.1\n"), "Promote web:1.1");

        try (ConfigRepository repository = open(origin); WorkingTree tree = repository.checkout("main", work.resolve("t"))) {
            assertThat(tree.commitsSince("", 500)).containsExactly(head);
            assertThat(tree.commitsSince(head, 500)).isEmpty();
        }
    }

    @Test
    void stopsAtTheLimitWhenThePreviousRevisionIsNotInTheHistory() {
        BareRepository origin = servers.seed("main", Map.of("app.yaml", "image: web:1.0\n"));
        for (int i = 1; i <= 4; i++) {
            origin.commit("main", Map.of("app.yaml", "image: web:1." + i + "\n"), "Promote web:1." + i);
        }
        String rewrittenAway = "0123456789abcdef0123456789abcdef01234567";

        try (ConfigRepository repository = open(origin); WorkingTree tree = repository.checkout("main", work.resolve("t"))) {
            assertThat(tree.commitsSince(rewrittenAway, 3)).hasSize(3).startsWith(origin.head("main").orElseThrow());
            assertThat(tree.commitsSince(rewrittenAway, 500)).hasSize(5);
        }
    }

    private static ConfigRepository open(BareRepository origin) {
        return servers.connector(Transport.GIT_DAEMON).connect(servers.url(Transport.GIT_DAEMON, origin));
    }
}
