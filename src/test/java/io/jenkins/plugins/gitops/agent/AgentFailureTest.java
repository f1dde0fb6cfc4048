package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitDaemon;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent when its git server or its API server fails: it backs off, says why, and recovers. API
 * server failures are injected by fabric8's mock server; the control plane cannot be made to fail so.
 */
@OnLocalControlPlane
@Timeout(90)
class AgentFailureTest {

    /** On fabric8's mock server: the namespace of the objects and of the inventory. */
    private static final String NAMESPACE = "shop";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern RETRY = Pattern.compile("failures=(\\d+) retry_in_ms=(\\d+)");

    @TempDir
    Path temp;

    @Test
    void backsOffExponentiallyWhileTheGitServerIsStopped(TestNamespace namespace) throws Exception {
        Path repositories = Files.createDirectories(temp.resolve("repos"));
        BareRepository repository = AgentFixture.repository(repositories, namespace.name(), Map.of("web", "1"));
        GitDaemon daemon = GitDaemon.start(repositories);
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = AgentFixture.start(client, daemon.url(repository), AgentFixture.applierSettings(namespace.name()),
                        AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
            await("first apply", WAIT, () -> started.agent().loop().hasSyncedOnce());
            daemon.close();
            await("repeated git failures", WAIT, () -> started.agent().loop().snapshot().condition().kind() == Condition.Kind.SOURCE
                    && started.agent().loop().snapshot().condition().consecutiveFailures() >= 5);

            Condition condition = started.agent().loop().snapshot().condition();
            assertThat(condition.message()).contains("git://127.0.0.1:");
            List<String> backoffs = AgentFixture.lines(started.log(), "backoff");
            assertThat(backoffs).hasSizeGreaterThanOrEqualTo(4);
            for (String line : backoffs.subList(0, 4)) {
                Matcher retry = RETRY.matcher(line);
                assertThat(retry.find()).as(line).isTrue();
                long ceiling = Math.min(800, 100L << (Integer.parseInt(retry.group(1)) - 1));
                assertThat(Long.parseLong(retry.group(2))).as(line).isBetween(ceiling / 2, ceiling);
            }
            // Synced once, the agent stays ready and alive, and says what fails.
            assertThat(started.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(started.get("/readyz").body()).contains("last round:");
            assertThat(started.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(started.get("/metrics").body()).containsPattern("gitops_reconcile_errors_total\\{kind=\"git\"} [5-9]");
            assertThat(started.get("/metrics").body()).contains("gitops_synced 0");
        } finally {
            daemon.close();
        }
    }

    @ParameterizedTest(name = "API server answering {0}")
    @ValueSource(ints = {503, 429})
    void backsOffWhileTheApiServerFailsThenAppliesWhenItRecoversOnTheMockServerBecauseItInjects503sAnd429s(int code) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, NAMESPACE, Map.of("web", "1"));
        try (FaultyCluster cluster = new FaultyCluster();
                Started started = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                        AgentFixture.applierSettingsOnTheMock(NAMESPACE),
                        AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
            await("first apply", WAIT, () -> started.agent().loop().hasSyncedOnce());
            cluster.failEverything(code);
            String update = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(NAMESPACE, "web", "2")), "Update web");
            await("repeated API failures", WAIT, () -> started.agent().loop().snapshot().condition().kind() == Condition.Kind.API
                    && started.agent().loop().snapshot().condition().consecutiveFailures() >= 3);
            assertThat(started.agent().loop().snapshot().condition().message()).contains("(" + code + ")");
            assertThat(started.get("/metrics").body()).containsPattern("gitops_reconcile_errors_total\\{kind=\"api\"} [3-9]");

            cluster.heal();
            await("recovery", WAIT, () -> started.agent().loop().snapshot().atTip()
                    && started.agent().loop().snapshot().revision().equals(update));
            assertThat(cluster.newClient().configMaps().inNamespace(NAMESPACE).withName("web").get().getData())
                    .containsEntry("value", "2");
        }
    }

    @Test
    void anUnreachableApiServerAtStartLeavesTheAgentAliveButNotReadyOnTheMockServerBecauseItInjects503s() throws Exception {
        BareRepository repository = AgentFixture.repository(temp, NAMESPACE, Map.of("web", "1"));
        try (FaultyCluster cluster = new FaultyCluster()) {
            cluster.failEverything(503);
            try (Started started = AgentFixture.start(cluster.newClient(), repository.fileUrl(),
                        AgentFixture.applierSettingsOnTheMock(NAMESPACE),
                    AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
                await("a failed round", WAIT, () -> started.agent().loop().snapshot().condition().kind() == Condition.Kind.API);
                assertThat(started.get("/healthz").statusCode()).isEqualTo(200);
                assertThat(started.get("/readyz").statusCode()).isEqualTo(503);
                assertThat(started.get("/readyz").body()).startsWith("not synced yet: ");
            }
        }
    }
}
