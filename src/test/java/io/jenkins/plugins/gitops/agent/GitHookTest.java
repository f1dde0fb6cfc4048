package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.report.ReportHeaders;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /hooks/git}: a signed push notification makes the agent check the branch at once. */
@OnLocalControlPlane
@Timeout(60)
class GitHookTest {

    private static final byte[] SECRET = "hook-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private static HttpRequest hook(Started started, String timestamp, String signature, String body) {
        HttpRequest.Builder request = started.request("/hooks/git").POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header(ReportHeaders.TIMESTAMP, timestamp);
        }
        if (signature != null) {
            request.header(ReportHeaders.SIGNATURE, signature);
        }
        return request.build();
    }

    @Test
    void aSignedHookAppliesANewCommitLongBeforeTheIntervalAndForgeriesAreRefused(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        LoopSettings hourly = LoopSettings.of("main", RepositoryPath.parse("apps"), Duration.ofHours(1), temp.resolve("work"));
        AgentSettings settings = new AgentSettings(hourly, Optional.empty(),
                new InetSocketAddress("127.0.0.1", 0), Optional.of(SECRET));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = AgentFixture.start(client, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                        settings)) {
            await("first apply", Duration.ofSeconds(20), () -> started.agent().loop().hasSyncedOnce());
            String update = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2")), "Update web");
            String body = "{\"ref\":\"refs/heads/main\"}";
            String now = String.valueOf(Instant.now().getEpochSecond());
            String stale = String.valueOf(Instant.now().getEpochSecond() - 3600);

            HttpResponse<String> forged = started.send(hook(started, now, ReportSignature.of("wrong".getBytes(StandardCharsets.UTF_8),
                    now, body.getBytes(StandardCharsets.UTF_8)), body));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).isEqualTo(ReportHeaders.SIGNATURE + ": does not match the body\n");
            assertThat(started.send(hook(started, null, null, body)).statusCode()).isEqualTo(400);
            HttpResponse<String> replayedLater = started.send(hook(started, stale,
                    ReportSignature.of(SECRET, stale, body.getBytes(StandardCharsets.UTF_8)), body));
            assertThat(replayedLater.statusCode()).isEqualTo(400);
            assertThat(replayedLater.body()).startsWith(ReportHeaders.TIMESTAMP + ": ");
            assertThat(started.send(started.request("/hooks/git").GET().build()).statusCode()).isEqualTo(405);
            assertThat(started.agent().loop().snapshot().sequence()).isEqualTo(1);

            HttpResponse<String> accepted = started.send(hook(started, now,
                    ReportSignature.of(SECRET, now, body.getBytes(StandardCharsets.UTF_8)), body));
            assertThat(accepted.statusCode()).isEqualTo(202);
            await("update applied", Duration.ofSeconds(20), () -> started.agent().loop().snapshot().revision().equals(update));
            assertThat(started.log()).doesNotContain("hook-secret");
        }
    }
}
