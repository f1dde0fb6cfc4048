package io.jenkins.plugins.gitops.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplierSettings;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.manifest.Kustomize;
import io.jenkins.plugins.gitops.manifest.RevisionPolicy;
import io.jenkins.plugins.gitops.manifest.RevisionRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's HTTP server against clients that send slowly or too much, more of them than the server has
 * threads: the liveness and readiness probes keep answering at once, the slow clients are cut off after the
 * header or body timeout, and an oversized hook body is refused before it is sent. Plain sockets on
 * loopback; the loop is never started, so no cluster or repository is contacted.
 */
@Timeout(60)
class SlowClientsTest {

    private static final Duration PROBE_LIMIT = Duration.ofMillis(100);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String HOOK_HEAD = "POST /hooks/git HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\n";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private KubernetesClient client;
    private AgentServer server;

    @BeforeEach
    void start() throws IOException {
        client = AgentClient.of(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build());
        AgentLog agentLog = new AgentLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());
        ReconcileLoop loop = new ReconcileLoop(
                new JGitConfigRepository("file:///nowhere.git", GitCredentials.none(), HttpsTrust.SYSTEM, Duration.ofSeconds(1)),
                LoopSettings.of("main", RepositoryPath.parse("."), Duration.ofHours(1), temp),
                new RevisionRenderer(RevisionPolicy.OPEN, Kustomize.KUBECTL), new Applier(client, ApplierSettings.defaults("default")),
                () -> false, agentLog, Clock.systemUTC());
        server = AgentServer.start(new InetSocketAddress(LOOPBACK, 0), loop, () -> false, new Metrics(Optional.empty()),
                Optional.of(new GitHookVerifier("hook-secret".getBytes(StandardCharsets.UTF_8), Clock.systemUTC())), agentLog);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void probesAnswerWithin100MsWhileMoreSlowClientsThanThreadsAreCutOffWith408AfterTheirTimeout() throws Exception {
        for (int i = 0; i < 5; i++) {
            probe("/healthz");
        }
        int each = AgentServer.THREADS + 2;
        ExecutorService clients = Executors.newFixedThreadPool(2 * each);
        try {
            List<Future<Cutoff>> slowHeaders = new ArrayList<>();
            List<Future<Cutoff>> slowBodies = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                slowHeaders.add(clients.submit(() -> trickle("GET /healthz HTTP/1.1\r\nHost: agent\r\nX-Slow: ")));
                slowBodies.add(clients.submit(() -> trickle(HOOK_HEAD + "Content-Length: 1000\r\n\r\n")));
            }

            List<Probe> probes = new ArrayList<>();
            while (!(slowHeaders.stream().allMatch(Future::isDone) && slowBodies.stream().allMatch(Future::isDone))) {
                probes.add(probe("/healthz"));
                probes.add(probe("/readyz"));
                Thread.sleep(50);
            }

            assertThat(probes).hasSizeGreaterThan(100).allSatisfy(probe -> {
                assertThat(probe.answer()).as("%s", probe).startsWith("HTTP/1.1 200 ");
                assertThat(probe.took()).as("%s", probe).isLessThan(PROBE_LIMIT);
            });
            for (Future<Cutoff> slow : slowHeaders) {
                assertCutOffAfter(slow.get(), AgentServer.HEADER_TIMEOUT);
            }
            for (Future<Cutoff> slow : slowBodies) {
                assertCutOffAfter(slow.get(), AgentServer.BODY_TIMEOUT);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aHookBodyOverTheLimitGets413AndTheConnectionClosedBeforeTheRestIsSent() throws Exception {
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((HOOK_HEAD + "Content-Length: " + 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close")
                    .endsWith("body over " + GitHookVerifier.MAX_BODY_BYTES + " bytes\n");
        }
    }

    private static void assertCutOffAfter(Cutoff cutoff, Duration timeout) {
        assertThat(cutoff.answer()).as("%s", cutoff).satisfiesAnyOf(
                answer -> assertThat(answer).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close"),
                answer -> assertThat(answer).isEqualTo(Cutoff.RESET));
        assertThat(cutoff.after()).as("%s", cutoff).isBetween(timeout, timeout.plusSeconds(2));
    }

    private record Probe(String path, String answer, Duration took) {}

    private Probe probe(String path) {
        long start = System.nanoTime();
        String answer;
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            answer = e.toString();
        }
        return new Probe(path, answer, Duration.ofNanos(System.nanoTime() - start));
    }

    /** What a slow client got: the server's answer up to its close, or {@link #RESET}; and when, from connecting. */
    private record Cutoff(String answer, Duration after) {
        static final String RESET = "reset";
    }

    /** Sends {@code head} at once, then one byte a second, reading between bytes, until the server answers or resets. */
    private Cutoff trickle(String head) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int second = 0; second < 30; second++) {
                try {
                    out.write('a');
                    out.flush();
                    int first = in.read();
                    Duration after = Duration.ofNanos(System.nanoTime() - start);
                    return new Cutoff(first < 0 ? "closed without an answer" : (char) first
                            + new String(in.readAllBytes(), StandardCharsets.US_ASCII), after);
                } catch (SocketTimeoutException e) {
                    // Nothing from the server within the second: send the next byte.
                } catch (SocketException e) {
                    return new Cutoff(Cutoff.RESET, Duration.ofNanos(System.nanoTime() - start));
                }
            }
            return new Cutoff("not cut off", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
