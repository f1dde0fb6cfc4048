package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On the local control plane, plants Secret values in Git and in the cluster, drives drift on them, and looks for them in every
 * report body the receiver got, every log record (java.util.logging, which {@code System.Logger}
 * and slf4j-jdk14 with fabric8's logs use, at every level for the project's loggers), everything written
 * to {@code System.out} and {@code System.err}, and every exception message.
 */
@OnLocalControlPlane
@Timeout(120)
class SecretValuesNeverLeaveTheAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger PROJECT = Logger.getLogger("io.jenkins.plugins.gitops");

    private final List<String> logged = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<Throwable> thrown = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(formatter.format(record));
                for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
                    thrown.add(cause);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Level originalLevel;
    private WatchedCluster cluster;
    private KubernetesClient person;

    @BeforeEach
    void capture(TestNamespace namespace) throws Exception {
        capture.setLevel(Level.ALL);
        ROOT.addHandler(capture);
        originalLevel = PROJECT.getLevel();
        PROJECT.setLevel(Level.ALL);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
        cluster = WatchedCluster.on(namespace);
        person = namespace.client();
    }

    @AfterEach
    void release() throws Exception {
        cluster.close();
        System.setOut(originalOut);
        System.setErr(originalErr);
        ROOT.removeHandler(capture);
        PROJECT.setLevel(originalLevel);
    }

    @ParameterizedTest
    @EnumSource(WatchMode.class)
    void plantedSecretValuesAppearInNoReportLogLineConsoleOutputOrExceptionMessage(WatchMode mode) throws Exception {
        try {
            cluster.applyAndWatch(DriftWatchTest.APP + WatchedSecrets.SECRET_IN_GIT, WatchSettings.defaults(mode, List.of()));

            person.secrets().inNamespace(cluster.namespace).withName("web-credentials").edit(live -> new SecretBuilder(live)
                    .addToData("password", WatchedSecrets.base64(WatchedSecrets.LIVE_PASSWORD))
                    .addToData("extra", WatchedSecrets.base64(WatchedSecrets.LIVE_EXTRA))
                    .build());

            Report report = cluster.receiver.await(mode == WatchMode.CORRECT
                    ? r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED)
                    : r -> resource(r, "Secret", "web-credentials").status() == ResourceStatus.DRIFTED, WAIT);
            ResourceEntry secret = resource(report, "Secret", "web-credentials");
            if (mode == WatchMode.REPORT_ONLY) {
                assertThat(secret.diffs()).singleElement().satisfies(diff -> {
                    assertThat(diff.path()).isEqualTo("/data/password");
                    assertThat(diff.desired().json()).isEqualTo("\"*** (before)\"");
                    assertThat(diff.live().json()).isEqualTo("\"*** (after)\"");
                });
            } else {
                assertThat(report.events()).extracting(event -> event.message())
                        .anySatisfy(message -> assertThat(message)
                                .startsWith("corrected " + cluster.id("Secret", "web-credentials") + ": /data/password"));
                assertThat(person.secrets().inNamespace(cluster.namespace).withName("web-credentials").get().getData())
                        .containsEntry("password", WatchedSecrets.base64(WatchedSecrets.GIT_PASSWORD));
            }
            cluster.watch.resync();
            assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        } catch (Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                thrown.add(cause);
            }
            throw failure;
        } finally {
            assertNoPlantedValue();
        }
    }

    private void assertNoPlantedValue() {
        List<String> bodies = cluster.receiver.bodies();
        assertThat(bodies).as("report bodies").isNotEmpty();
        List<String> everything = new ArrayList<>(bodies);
        synchronized (logged) {
            everything.addAll(logged);
            thrown.forEach(cause -> everything.add(String.valueOf(cause.getMessage())));
        }
        everything.add(console.toString(StandardCharsets.UTF_8));
        for (String value : WatchedSecrets.forbidden()) {
            assertThat(everything).as("captured output").noneMatch(text -> text.contains(value));
        }
        synchronized (logged) {
            assertThat(logged).as("the capture sees the agent's own lines about the Secret")
                    .anyMatch(line -> line.contains(cluster.id("Secret", "web-credentials")));
        }
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (console) {
                    console.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (console) {
                    console.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
    }
}
