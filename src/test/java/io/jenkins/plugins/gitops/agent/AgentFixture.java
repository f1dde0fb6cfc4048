package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.testing.GitCli.git;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.apply.ApplyStrategy;
import io.jenkins.plugins.gitops.agent.apply.ClientSideApply;
import io.jenkins.plugins.gitops.agent.leader.LeaseLeadership;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Backoff;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Shared pieces of the agent's end-to-end tests: config repositories of ConfigMaps in a namespace the
 * test names (its own namespace of the control plane, where the agent also keeps its inventory and
 * Lease), agents with short intervals, waiting.
 */
final class AgentFixture {

    static final Duration INTERVAL = Duration.ofMillis(500);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800));

    private AgentFixture() {}

    static String configMap(String namespace, String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\ndata:\n  value: \"" + value + "\"\n";
    }

    /** A config repository with {@code apps/} holding a ConfigMap in {@code namespace} per entry. */
    static BareRepository repository(Path root, String namespace, Map<String, String> configMaps) {
        Map<String, String> files = new LinkedHashMap<>();
        configMaps.forEach((name, value) -> files.put("apps/" + name + ".yaml", configMap(namespace, name, value)));
        files.put("apps/README.md", "Objects of the " + namespace + " namespace.\n");
        return BareRepository.create(root, "config", "main", files);
    }

    /** Deletes {@code file} on {@code main} the way another person's clone would; returns the new commit. */
    static String remove(BareRepository repository, String file) {
        try {
            Path clone = Files.createTempDirectory(repository.path().getParent(), "remove");
            git(clone, "clone", "--quiet", "--branch", "main", repository.path().toString(), ".");
            git(clone, "rm", "--quiet", file);
            git(clone, "commit", "--quiet", "-m", "Remove " + file);
            git(clone, "push", "--quiet", "origin", "HEAD:refs/heads/main");
            return git(clone, "rev-parse", "HEAD").strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigRepository open(String url) {
        return new JGitConfigRepository(url, GitCredentials.none(), HttpsTrust.SYSTEM, Duration.ofSeconds(10));
    }

    static RevisionRenderer renderer() {
        return new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.KUBECTL);
    }

    /** The agent's defaults (server-side apply), its inventory in {@code namespace}. */
    static ApplierSettings applierSettings(String namespace) {
        return ApplierSettings.defaults(namespace);
    }

    /** Client-side apply: fabric8's mock server has no server-side apply (it answers 415). */
    static ApplierSettings applierSettingsOnTheMock(String namespace) {
        return applierSettings(namespace).withStrategy(new ClientSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER));
    }

    static LoopSettings loopSettings(Path work) {
        return LoopSettings.of("main", RepositoryPath.parse("apps"), INTERVAL, work).withBackoff(FAST_BACKOFF);
    }

    static AgentSettings settings(Path work, Optional<LeaseLeadership.Settings> election, Optional<byte[]> hookSecret) {
        return new AgentSettings(loopSettings(work), election,
                new InetSocketAddress("127.0.0.1", 0), hookSecret);
    }

    /** An agent started on its own client, logging into {@link Started#log()}. */
    static Started start(KubernetesClient client, String url, ApplierSettings applier, AgentSettings settings) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AgentLog agentLog = new AgentLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());
        ConfigRepository repository = open(url);
        Agent agent = Agent.start(client, repository, renderer(), new Applier(client, applier), settings, agentLog, Clock.systemUTC(), List.of(),
                Optional.empty());
        return new Started(agent, repository, log);
    }

    record Started(Agent agent, ConfigRepository repository, ByteArrayOutputStream logBytes) implements AutoCloseable {

        String log() {
            return logBytes.toString(StandardCharsets.UTF_8);
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + agent.httpPort() + path);
        }

        @Override
        public void close() {
            agent.close();
            repository.close();
        }
    }

    /** Waits up to {@code limit} for {@code condition}, polling. */
    static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The agent's writes into the test's namespace so far, as the API server's audit log has them. */
    static List<AuditEvent> agentWrites(TestNamespace namespace) {
        return namespace.cluster().audit(event -> event.fromAgent() && event.isWrite() && !event.isDryRun()
                && namespace.name().equals(event.namespace()));
    }

    static List<String> lines(String log, String event) {
        List<String> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(" event=" + event + " ") || line.endsWith(" event=" + event)) {
                lines.add(line);
            }
        }
        return lines;
    }
}
