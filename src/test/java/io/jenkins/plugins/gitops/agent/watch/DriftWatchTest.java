package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.testing.cluster.Kubectl;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The drift watch on the local control plane: the agent applies server-side, people change objects
 * with the real kubectl, and the API server records who did in {@code managedFields}.
 */
@OnLocalControlPlane
@Timeout(120)
class DriftWatchTest {

    static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: registry.example/web:1.0.0
                    ports: [{containerPort: 8080}]
                    resources: {limits: {cpu: 500m, memory: 256Mi}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop}
            data: {greeting: hello, colour: blue}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    static final String AUTOSCALER = """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 10
            """;

    private static final Duration WAIT = Duration.ofSeconds(30);

    private WatchedCluster cluster;
    private Kubectl kubectl;

    @BeforeEach
    void startCluster(TestNamespace namespace) throws Exception {
        cluster = WatchedCluster.on(namespace);
        kubectl = new Kubectl(namespace);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void theFirstReportOfACleanApplyIsInSyncWithTheAppliedEventsAndCommit() throws Exception {
        Report first = cluster.applyAndWatch(APP, reportOnly());

        assertInSync(first);
        assertThat(first.environment()).isEqualTo("staging");
        assertThat(first.source().appliedCommits()).containsExactly(WatchedCluster.REVISION);
        assertThat(first.events()).extracting(ReportEvent::type).containsOnly(EventType.APPLIED);
        assertThat(first.events()).extracting(ReportEvent::message).contains(
                "created " + cluster.id("apps/Deployment", "web"), "created " + cluster.id("ConfigMap", "web-config"));
    }

    @Test
    void replicasChangedWithKubectlEditAreDriftSetByKubectlEdit() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        Instant before = Instant.now().minusSeconds(1);

        kubectl.edit("deployment/web", "s/^  replicas: 2$/  replicas: 5/");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        ResourceEntry web = resource(report, "Deployment", "web");
        assertThat(web.message()).isEqualTo("1 field drifted: /spec/replicas");
        assertThat(web.diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/replicas");
            assertThat(diff.desired().json()).isEqualTo("2");
            assertThat(diff.live().json()).isEqualTo("5");
            assertThat(diff.manager()).isEqualTo("kubectl-edit");
            assertThat(diff.changedAt()).isAfter(before);
        });
        assertThat(resource(report, "ConfigMap", "web-config").status()).isEqualTo(ResourceStatus.IN_SYNC);
    }

    @Test
    void replicasChangedWithKubectlScaleAreDriftSetByKubectlThroughTheScaleSubresource() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        kubectl.run("scale", "deployment/web", "--replicas=4");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/replicas");
            assertThat(diff.live().json()).isEqualTo("4");
            assertThat(diff.manager()).isEqualTo("kubectl");
        });
    }

    @Test
    void anImageChangedWithKubectlSetImageIsDriftAtTheContainersImageSetByKubectlSet() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        kubectl.run("set", "image", "deployment/web", "web=registry.example/web:6.6.6");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/template/spec/containers/0/image");
            assertThat(diff.desired().json()).isEqualTo("\"registry.example/web:1.0.0\"");
            assertThat(diff.live().json()).isEqualTo("\"registry.example/web:6.6.6\"");
            assertThat(diff.manager()).isEqualTo("kubectl-set");
        });
    }

    @Test
    void aLabelGitSetsOverwrittenWithKubectlLabelIsDriftSetByKubectlLabelAndANewLabelIsNot() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        kubectl.run("label", "deployment/web", "app=someone-else", "team=shop", "--overwrite");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/metadata/labels/app");
            assertThat(diff.live().json()).isEqualTo("\"someone-else\"");
            assertThat(diff.manager()).isEqualTo("kubectl-label");
        });
    }

    @Test
    void replicasAnAutoscalerOwnsWhileGitSetsNoneAreNotDrift() throws Exception {
        cluster.applyAndWatch(APP.replace("  replicas: 2\n", "") + AUTOSCALER.replace("minReplicas: 2", "minReplicas: 3"),
                reportOnly());

        // Only the autoscaler makes it 3: Git sets no replicas, so the server's default was 1.
        cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("web")
                .waitUntilCondition(d -> d != null && Integer.valueOf(3).equals(d.getSpec().getReplicas()), 60, TimeUnit.SECONDS);
        List<ObjectDrift> drifts = cluster.watch.resync();

        assertThat(drifts).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        assertInSync(lastReport());
    }

    @Test
    void replicasAnAutoscalerInGitTargetsAreNotDrift() throws Exception {
        cluster.applyAndWatch(APP + AUTOSCALER, reportOnly());

        kubectl.run("scale", "deployment/web", "--replicas=7");
        List<ObjectDrift> drifts = cluster.watch.resync();

        assertThat(drifts).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        assertThat(resource(lastReport(), "Deployment", "web").diffs()).isEmpty();
    }

    @Test
    void anAutoscalerCreatedLiveStopsReplicasFromBeingDrift() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        kubectl.run("scale", "deployment/web", "--replicas=7");
        cluster.receiver.await(drifted("Deployment", "web"), WAIT);

        cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(cluster.namespace).resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata()
                        .withNewSpec().withNewScaleTargetRef("apps/v1", "Deployment", "web")
                        .withMaxReplicas(10).endSpec().build())
                .create();

        assertInSync(cluster.receiver.await(inSync("Deployment", "web"), WAIT));
    }

    @Test
    void aFieldUnderAnIgnoreRuleIsNotDriftButOtherFieldsOfTheObjectAre() throws Exception {
        IgnoreRule colour = IgnoreRule.of("", "ConfigMap", cluster.namespace, "web-config", "/data/colour");
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of(colour)));

        kubectl.run("patch", "configmap/web-config", "--type=merge", "-p", "{\"data\":{\"colour\":\"red\"}}");
        assertThat(cluster.watch.resync()).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);

        kubectl.run("patch", "configmap/web-config", "--type=merge", "-p", "{\"data\":{\"greeting\":\"bonjour\"}}");
        Report report = cluster.receiver.await(drifted("ConfigMap", "web-config"), WAIT);
        assertThat(resource(report, "ConfigMap", "web-config").diffs()).extracting(FieldDiff::path)
                .containsExactly("/data/greeting");
    }

    @Test
    void anObjectDeletedLiveIsReportedMissing() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        kubectl.run("delete", "configmap/web-config");

        Report report = cluster.receiver.await(
                r -> resource(r, "ConfigMap", "web-config").status() == ResourceStatus.MISSING, WAIT);
        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        assertThat(resource(report, "ConfigMap", "web-config").message()).isEqualTo("missing from the cluster");
    }

    @Test
    void correctModePutsBackWhatKubectlChangedAndRecordsCorrectedNamingEachFieldAndItsManager() throws Exception {
        // An edit within the correction interval of the correction before is corrected once the interval has passed.
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()).withCorrectionInterval(Duration.ofSeconds(2)));

        kubectl.run("label", "deployment/web", "app=someone-else", "--overwrite");
        awaitCorrected("/metadata/labels/app (set by kubectl-label)");
        kubectl.run("set", "image", "deployment/web", "web=registry.example/web:6.6.6");
        awaitCorrected("/spec/template/spec/containers/0/image (set by kubectl-set)");
        kubectl.edit("deployment/web", "s/^  replicas: 2$/  replicas: 5/");
        Report report = awaitCorrected("/spec/replicas (set by kubectl-edit)");

        assertThat(resource(report, "Deployment", "web").status()).isEqualTo(ResourceStatus.IN_SYNC);
        Deployment web = deployment();
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1.0.0");
    }

    @Test
    void correctModeCreatesADeletedObjectAgain() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));

        kubectl.run("delete", "configmap/web-config");

        Report report = cluster.receiver.await(
                r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        assertThat(report.events()).extracting(ReportEvent::message).contains(
                "corrected " + cluster.id("ConfigMap", "web-config") + ": created it again, it was missing from the cluster");
        assertThat(cluster.client.configMaps().inNamespace(cluster.namespace).withName("web-config").get().getData())
                .containsEntry("colour", "blue");
    }

    @Test
    void reportOnlyModeLeavesTheDriftInPlaceAndKeepsReportingIt() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        kubectl.run("scale", "deployment/web", "--replicas=5");
        cluster.receiver.await(drifted("Deployment", "web"), WAIT);

        for (int i = 0; i < 3; i++) {
            assertThat(cluster.watch.resync()).filteredOn(drift -> drift.status() == DriftStatus.DRIFTED)
                    .extracting(drift -> drift.id().name()).containsExactly("web");
        }

        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        Report last = lastReport();
        assertThat(resource(last, "Deployment", "web").status()).isEqualTo(ResourceStatus.DRIFTED);
        assertThat(last.events()).noneMatch(event -> event.type() == EventType.CORRECTED);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void followsANewRevisionHandedOverByTheLoopWithItsPrunedObjectsCommitAndNewKinds() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        String next = "1111111111111111111111111111111111111111";
        var revision = cluster.objects(APP.replace("""
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config, namespace: shop}
                data: {greeting: hello, colour: blue}
                """, "") + """
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop, labels: {team: shop}}
                """);
        var result = cluster.applier.apply(next, revision);
        assertThat(result.succeeded()).isTrue();

        cluster.watch.update(AppliedState.afterApply(List.of(next), revision, result, Map.of(), Instant.now()));

        Report report = cluster.receiver.await(r -> r.source().revision().equals(next), WAIT);
        assertThat(report.source().appliedCommits()).containsExactly(next);
        assertThat(resource(report, "ConfigMap", "web-config").status()).isEqualTo(ResourceStatus.PRUNED);
        assertThat(report.events()).extracting(ReportEvent::message).contains(
                "pruned " + cluster.id("ConfigMap", "web-config"), "created " + cluster.id("ServiceAccount", "web"));

        kubectl.run("label", "serviceaccount/web", "team=someone-else", "--overwrite");

        Report drifted = cluster.receiver.await(drifted("ServiceAccount", "web"), WAIT);
        assertThat(drifted.source().appliedCommits()).as("commits go in the first report after an update only").isEmpty();
        assertThat(resource(drifted, "ServiceAccount", "web").diffs()).extracting(FieldDiff::path)
                .containsExactly("/metadata/labels/team");
    }

    @Test
    void doesNotCorrectWhenTheLoopHasAppliedANewerRevisionThanTheWatchWasHanded() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));
        String newer = "2222222222222222222222222222222222222222";
        assertThat(cluster.applier.apply(newer, cluster.desired).succeeded()).isTrue();

        kubectl.run("scale", "deployment/web", "--replicas=5");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(report.events()).noneMatch(event -> event.type() == EventType.CORRECTED);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);
    }

    /**
     * The loop applies a newer revision that adds a ServiceAccount, changes the ConfigMap and breaks the
     * Deployment; the watch, handed the older revision, neither puts the ConfigMap back nor prunes the
     * ServiceAccount. Handed the failed apply, it follows the newer revision.
     */
    @Test
    void aNewerRevisionWhoseApplyPartlyFailedIsNeitherRolledBackNorPrunedAndTheWatchFollowsIt() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));
        String newer = "3333333333333333333333333333333333333333";
        List<ManifestObject> revision = cluster.objects(partlyFailing(APP) + """
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop}
                """);
        ApplyResult failed = cluster.applier.apply(newer, revision);
        assertThat(failed.errors()).singleElement().asString().startsWith("apps/Deployment/" + cluster.namespace + "/web: ");

        cluster.watch.resync();

        assertThat(colour()).isEqualTo("green");
        assertThat(cluster.client.serviceAccounts().inNamespace(cluster.namespace).withName("web").get()).isNotNull();
        assertThat(cluster.receiver.accepted()).flatExtracting(Report::events).noneMatch(event -> event.type() == EventType.CORRECTED);

        cluster.watch.update(new AppliedState(newer, List.of(newer), revision, failed.outcomes(), Map.of(), List.of(), null));
        kubectl.run("patch", "configmap/web-config", "--type=merge", "-p", "{\"data\":{\"colour\":\"red\"}}");

        cluster.receiver.await(r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        assertThat(colour()).isEqualTo("green");
        assertThat(cluster.client.serviceAccounts().inNamespace(cluster.namespace).withName("web").get()).isNotNull();
    }

    /** Without new objects the inventory is not rewritten before the apply; the watch still knows a newer one was applied. */
    @Test
    void aNewerRevisionThatOnlyChangesObjectsAndPartlyFailedIsNotRolledBack() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));
        ApplyResult failed = cluster.applier.apply("4444444444444444444444444444444444444444", cluster.objects(partlyFailing(APP)));
        assertThat(failed.succeeded()).isFalse();

        cluster.watch.resync();

        assertThat(colour()).isEqualTo("green");
        assertThat(cluster.receiver.accepted()).flatExtracting(Report::events).noneMatch(event -> event.type() == EventType.CORRECTED);
    }

    @Test
    void aReplicaThatLostLeadershipNeitherCorrectsNorReportsUntilItLeadsAgain() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        int before = cluster.receiver.accepted().size();
        cluster.leader = false;

        kubectl.run("scale", "deployment/web", "--replicas=5");
        assertThat(cluster.watch.resync()).filteredOn(drift -> drift.status() == DriftStatus.DRIFTED).hasSize(1);
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        assertThat(cluster.receiver.accepted()).hasSize(before);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);

        cluster.leader = true;
        cluster.watch.resync();

        Report report = cluster.receiver.await(
                r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        assertThat(resource(report, "Deployment", "web").status()).isEqualTo(ResourceStatus.IN_SYNC);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void correctsAnObjectAnotherWriterKeepsChangingOnlyOncePerCorrectionInterval() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of())
                .withCorrectionInterval(Duration.ofMinutes(10)));

        kubectl.run("scale", "deployment/web", "--replicas=5");
        cluster.receiver.await(r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        kubectl.run("scale", "deployment/web", "--replicas=6");

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement()
                .satisfies(diff -> assertThat(diff.live().json()).isEqualTo("6"));
        cluster.watch.resync();
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(6);
        assertThat(cluster.receiver.accepted()).flatExtracting(Report::events)
                .filteredOn(event -> event.type() == EventType.CORRECTED).hasSize(1);
    }

    @Test
    void resyncsOnItsOwnEveryIntervalSoJenkinsSeesTheAgentAliveWithoutAnyChange() throws Exception {
        cluster.applyAndWatch(APP, reportOnly().withResyncInterval(Duration.ofMillis(300)));
        int before = cluster.receiver.accepted().size();

        cluster.receiver.awaitFrom(before + 2, report -> true, WAIT);

        assertThat(cluster.receiver.accepted().subList(before, before + 3))
                .allSatisfy(report -> assertThat(report.events()).isEmpty());
    }

    @Test
    void aClosedWatchRefusesUpdatesInOneLine() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        cluster.watch.close();

        assertThatThrownBy(() -> cluster.watch.resync()).hasMessage("the drift watch is closed");
        assertThatThrownBy(() -> cluster.watch.update(new AppliedState(WatchedCluster.REVISION, List.of(), cluster.desired,
                List.of(), Map.of(), List.of(), null))).hasMessage("the drift watch is closed");
    }

    /** The report whose {@code corrected} event for the Deployment names that field and manager. */
    private Report awaitCorrected(String fieldAndManager) throws InterruptedException {
        String corrected = "corrected " + cluster.id("apps/Deployment", "web") + ": ";
        return cluster.receiver.await(r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED
                && event.message().startsWith(corrected) && event.message().contains(fieldAndManager)), WAIT);
    }

    private static WatchSettings reportOnly() {
        return WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of());
    }

    /**
     * Every resource in sync, no diffs; the phase Synced, or Progressing while kwok's pods are not
     * all ready yet.
     */
    static void assertInSync(Report report) {
        assertThat(report.phase()).isIn(SyncPhase.SYNCED, SyncPhase.PROGRESSING);
        assertThat(report.resources()).extracting(ResourceEntry::status).containsOnly(ResourceStatus.IN_SYNC);
        assertThat(report.resources()).allSatisfy(entry -> assertThat(entry.diffs()).isEmpty());
    }

    private Report lastReport() {
        List<Report> accepted = cluster.receiver.accepted();
        return accepted.get(accepted.size() - 1);
    }

    /** The ConfigMap green, and a Deployment whose template's labels no longer match its selector (422 Invalid). */
    private static String partlyFailing(String yaml) {
        return yaml.replace("colour: blue", "colour: green")
                .replace("metadata: {labels: {app: web}}", "metadata: {labels: {app: other}}");
    }

    private String colour() {
        return cluster.client.configMaps().inNamespace(cluster.namespace).withName("web-config").get().getData().get("colour");
    }

    private Deployment deployment() {
        return cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("web").get();
    }

    static Predicate<Report> drifted(String kind, String name) {
        return report -> resource(report, kind, name).status() == ResourceStatus.DRIFTED;
    }

    static Predicate<Report> inSync(String kind, String name) {
        return report -> resource(report, kind, name).status() == ResourceStatus.IN_SYNC;
    }
}
