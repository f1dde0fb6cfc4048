package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.LoopSettings;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real git repository and the local control plane, applying server-side into the test's namespace. */
@OnLocalControlPlane
@Timeout(90)
class AgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private static String value(TestNamespace namespace, String name) {
        ConfigMap map = namespace.client().configMaps().inNamespace(namespace.name()).withName(name).get();
        return map == null ? null : map.getData().get("value");
    }

    @Test
    void appliesTheBranchThenAnUpdateCommitWithinOneIntervalThenPrunesARemovedFile(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1", "worker", "1"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = AgentFixture.start(client, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                        AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
            await("first apply", WAIT, () -> started.agent().loop().hasSyncedOnce());
            assertThat(value(namespace, "web")).isEqualTo("1");
            assertThat(value(namespace, "worker")).isEqualTo("1");
            assertThat(started.get("/readyz").statusCode()).isEqualTo(200);
            // Rounds with nothing to change write nothing, whatever the server added to the objects.
            int writes = AgentFixture.agentWrites(namespace).size();
            long synced = started.agent().loop().snapshot().sequence();
            await("three more rounds", WAIT, () -> started.agent().loop().snapshot().sequence() >= synced + 3);
            assertThat(AgentFixture.agentWrites(namespace)).as("writes of idle rounds").hasSize(writes);

            long before = started.agent().loop().snapshot().sequence();
            String update = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2")), "Update web");
            await("update applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(update));
            // The round under way when the commit landed may have missed it; the next one has it.
            assertThat(started.agent().loop().snapshot().sequence()).isLessThanOrEqualTo(before + 2);
            assertThat(value(namespace, "web")).isEqualTo("2");

            String removal = AgentFixture.remove(repository, "apps/worker.yaml");
            await("removal applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(removal));
            ReconcileSnapshot snapshot = started.agent().loop().snapshot();
            assertThat(snapshot.atTip()).isTrue();
            assertThat(value(namespace, "worker")).isNull();
            assertThat(value(namespace, "web")).isEqualTo("2");
            assertThat(snapshot.desired()).extracting(object -> object.id().name()).containsExactly("web");
            assertThat(started.get("/metrics").body())
                    .contains("gitops_applied_revision{revision=\"" + removal + "\"} 1")
                    .contains("gitops_resources{status=\"unchanged\",health=\"Healthy\"} 1");
        }
    }

    @Test
    void aRefusedRevisionLeavesTheClusterUntouchedAndIsReportedWithFileAndLine(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = AgentFixture.start(client, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                        AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
            await("first apply", WAIT, () -> started.agent().loop().hasSyncedOnce());
            String applied = started.agent().loop().snapshot().revision();
            int writes = AgentFixture.agentWrites(namespace).size();

            String broken = repository.commit("main", Map.of(
                    "apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2"),
                    "apps/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: " + namespace.name() + "\n"), "Half-done change");
            await("refusal", WAIT, () -> started.agent().loop().snapshot().sourceRevision().equals(broken)
                    && started.agent().loop().snapshot().condition().kind() == Condition.Kind.REFUSED);

            ReconcileSnapshot snapshot = started.agent().loop().snapshot();
            assertThat(snapshot.revision()).isEqualTo(applied);
            assertThat(snapshot.refusal()).isNotEmpty();
            assertThat(snapshot.refusal().get(0).toString()).startsWith("broken.yaml:");
            assertThat(snapshot.condition().message()).contains("still at " + applied);
            assertThat(AgentFixture.agentWrites(namespace)).hasSize(writes);
            assertThat(value(namespace, "web")).isEqualTo("1");
            assertThat(AgentFixture.lines(started.log(), "refused")).isNotEmpty();
            assertThat(started.get("/metrics").body()).containsPattern("gitops_reconcile_errors_total\\{kind=\"refused\"} [1-9]");
        }
    }

    @Test
    void refusesARevisionThatRendersNothingWhilePruning(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = AgentFixture.start(client, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()),
                        AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty()))) {
            await("first apply", WAIT, () -> started.agent().loop().hasSyncedOnce());
            String empty = AgentFixture.remove(repository, "apps/web.yaml");
            await("refusal", WAIT, () -> started.agent().loop().snapshot().sourceRevision().equals(empty)
                    && started.agent().loop().snapshot().condition().kind() == Condition.Kind.REFUSED);
            assertThat(started.agent().loop().snapshot().refusal()).extracting(Object::toString).containsExactly("apps renders"
                    + " no objects; applying it would prune the 1 object in the agent's inventory;"
                    + " --allow-empty-revision=true (GITOPS_ALLOW_EMPTY_REVISION) allows that");
            assertThat(value(namespace, "web")).isEqualTo("1");
        }
    }

    @Test
    void anEmptyRevisionIsAppliedAndPrunesEverythingWhenExplicitlyAllowed(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
            Applier applier = new Applier(client, AgentFixture.applierSettings(namespace.name()));
            assertThat(loop(source, applier, false).reconcileOnce().atTip()).isTrue();
            String empty = AgentFixture.remove(repository, "apps/web.yaml");

            assertThat(loop(source, applier, false).reconcileOnce().condition().kind()).isEqualTo(Condition.Kind.REFUSED);
            assertThat(value(namespace, "web")).isEqualTo("1");
            ReconcileSnapshot allowed = loop(source, applier, true).reconcileOnce();

            assertThat(allowed.atTip()).as(allowed.condition().message()).isTrue();
            assertThat(allowed.revision()).isEqualTo(empty);
            assertThat(value(namespace, "web")).isNull();
            assertThat(applier.inventory().entries()).isEmpty();
        }
    }

    @Test
    void anEmptyRevisionOverAnEmptyInventoryIsApplied(TestNamespace namespace) throws Exception {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/main.jsonnet", "{}\n"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
            ReconcileSnapshot snapshot = loop(source, new Applier(client, AgentFixture.applierSettings(namespace.name())), false)
                    .reconcileOnce();

            assertThat(snapshot.atTip()).as(snapshot.condition().message()).isTrue();
            assertThat(snapshot.desired()).isEmpty();
        }
    }

    private ReconcileLoop loop(ConfigRepository source, Applier applier, boolean allowEmptyRevision) {
        return new ReconcileLoop(source, AgentFixture.loopSettings(temp.resolve("work")).withAllowEmptyRevision(allowEmptyRevision),
                AgentFixture.renderer(), applier, Leadership.ALWAYS,
                new AgentLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()),
                Clock.systemUTC());
    }

    @Test
    void aPathMissingFromTheRevisionIsRefusedNamingThePathNotTheCheckout(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        LoopSettings settings = LoopSettings.of("main", RepositoryPath.parse("apps/production"), AgentFixture.INTERVAL,
                temp.resolve("work"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
            ReconcileLoop loop = new ReconcileLoop(source, settings, AgentFixture.renderer(),
                    new Applier(client, AgentFixture.applierSettings(namespace.name())), Leadership.ALWAYS,
                    new AgentLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC());

            ReconcileSnapshot snapshot = loop.reconcileOnce();

            assertThat(snapshot.condition().kind()).isEqualTo(Condition.Kind.REFUSED);
            assertThat(snapshot.refusal()).extracting(Object::toString)
                    .containsExactly("no directory apps/production in the repository");
            assertThat(AgentFixture.agentWrites(namespace)).isEmpty();
            ReconcileSnapshot again = loop.reconcileOnce();
            assertThat(again.condition()).isEqualTo(snapshot.condition());
            assertThat(AgentFixture.lines(log.toString(StandardCharsets.UTF_8), "refused"))
                    .as("the same tip is not rendered again").hasSize(1);
        }
    }

    @Test
    void reportsEveryCommitAnApplyBroughtNewestFirstIncludingOnesARefusalHeldBack(TestNamespace namespace) throws Exception {
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "1"));
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                ConfigRepository source = AgentFixture.open(repository.fileUrl())) {
            ReconcileLoop loop = new ReconcileLoop(source, AgentFixture.loopSettings(temp.resolve("work")),
                    AgentFixture.renderer(), new Applier(client, AgentFixture.applierSettings(namespace.name())),
                    Leadership.ALWAYS, new AgentLog(new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC());

            ReconcileSnapshot first = loop.reconcileOnce();
            assertThat(first.appliedCommits()).containsExactly(first.revision());
            assertThat(loop.reconcileOnce().appliedCommits()).as("nothing new").isEmpty();

            String broken = repository.commit("main", Map.of("apps/broken.yaml", "kind: ConfigMap\n"), "Half-done change");
            assertThat(loop.reconcileOnce().appliedCommits()).as("refused").isEmpty();
            String fixed = repository.commit("main", Map.of("apps/broken.yaml", AgentFixture.configMap(namespace.name(), "broken", "1")), "Fix it");
            String promoted = repository.commit("main", Map.of("apps/web.yaml", AgentFixture.configMap(namespace.name(), "web", "2")), "Promote");

            ReconcileSnapshot applied = loop.reconcileOnce();
            assertThat(applied.revision()).isEqualTo(promoted);
            assertThat(applied.appliedCommits()).containsExactly(promoted, fixed, broken);
        }
    }
}
