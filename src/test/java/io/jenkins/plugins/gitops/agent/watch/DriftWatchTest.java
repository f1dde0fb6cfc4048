package io.jenkins.plugins.gitops.agent.watch;

import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.editedBy;
import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.kubectlEdit;
import static io.jenkins.plugins.gitops.agent.watch.WatchedCluster.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    /**
     * The phase of a report whose resources are all in sync: Progressing, not Synced, because the mock
     * server runs no deployment controller, so the Deployment's status never catches up with its spec.
     */
    private static final SyncPhase IN_SYNC_PHASE = SyncPhase.PROGRESSING;

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant EDITED_AT = Instant.parse("2026-11-22T10:15:30Z");

    private WatchedCluster cluster;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new WatchedCluster();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void theFirstReportOfACleanApplyIsSyncedWithTheAppliedEventsAndCommit() throws Exception {
        Report first = cluster.applyAndWatch(APP, reportOnly());

        assertThat(first.phase()).isEqualTo(IN_SYNC_PHASE);
        assertThat(first.environment()).isEqualTo("staging");
        assertThat(first.source().appliedCommits()).containsExactly(WatchedCluster.REVISION);
        assertThat(first.resources()).extracting(ResourceEntry::status).containsOnly(ResourceStatus.IN_SYNC);
        assertThat(first.events()).extracting(ReportEvent::type).containsOnly(EventType.APPLIED);
        assertThat(first.events()).extracting(ReportEvent::message)
                .contains("created apps/Deployment/shop/web", "created ConfigMap/shop/web-config");
    }

    @Test
    void replicasEditedLiveAreReportedWithTheKubectlEditManagerTheTestWritesIntoManagedFields() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        editDeployment(deployment -> new DeploymentBuilder(editedBy(deployment,
                kubectlEdit("apps/v1", EDITED_AT, Map.of("f:spec", Map.of("f:replicas", Map.of())))))
                .editSpec().withReplicas(5).endSpec().build());

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        ResourceEntry web = resource(report, "Deployment", "web");
        assertThat(web.message()).isEqualTo("1 field drifted: /spec/replicas");
        assertThat(web.diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/replicas");
            assertThat(diff.desired().json()).isEqualTo("2");
            assertThat(diff.live().json()).isEqualTo("5");
            assertThat(diff.manager()).isEqualTo("kubectl-edit");
            assertThat(diff.changedAt()).isEqualTo(EDITED_AT);
        });
        assertThat(resource(report, "ConfigMap", "web-config").status()).isEqualTo(ResourceStatus.IN_SYNC);
    }

    @Test
    void anImageEditedLiveIsReportedAtTheContainersImage() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec()
                .editFirstContainer().withImage("registry.example/web:6.6.6").endContainer()
                .endSpec().endTemplate().endSpec().build());

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(resource(report, "Deployment", "web").diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("/spec/template/spec/containers/0/image");
            assertThat(diff.desired().json()).isEqualTo("\"registry.example/web:1.0.0\"");
            assertThat(diff.live().json()).isEqualTo("\"registry.example/web:6.6.6\"");
            assertThat(diff.manager()).isNull();
        });
    }

    @Test
    void replicasAnAutoscalerInGitTargetsAreNotDrift() throws Exception {
        cluster.applyAndWatch(APP + AUTOSCALER, reportOnly());

        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(7).endSpec().build());
        List<ObjectDrift> drifts = cluster.watch.resync();

        assertThat(drifts).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        Report report = lastReport();
        assertThat(report.phase()).isEqualTo(IN_SYNC_PHASE);
        assertThat(resource(report, "Deployment", "web").diffs()).isEmpty();
    }

    @Test
    void anAutoscalerCreatedLiveStopsReplicasFromBeingDrift() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(7).endSpec().build());
        cluster.receiver.await(drifted("Deployment", "web"), WAIT);

        cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                        .withNewSpec().withNewScaleTargetRef("apps/v1", "Deployment", "web")
                        .withMaxReplicas(10).endSpec().build())
                .create();

        Report report = cluster.receiver.await(inSync("Deployment", "web"), WAIT);
        assertThat(report.phase()).isEqualTo(IN_SYNC_PHASE);
    }

    @Test
    void aFieldUnderAnIgnoreRuleIsNotDriftButOtherFieldsOfTheObjectAre() throws Exception {
        IgnoreRule colour = IgnoreRule.of("", "ConfigMap", "shop", "web-config", "/data/colour");
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of(colour)));

        editConfigMap(data -> Map.of("greeting", "hello", "colour", "red"));
        assertThat(cluster.watch.resync()).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);

        editConfigMap(data -> Map.of("greeting", "bonjour", "colour", "red"));
        Report report = cluster.receiver.await(drifted("ConfigMap", "web-config"), WAIT);
        assertThat(resource(report, "ConfigMap", "web-config").diffs()).extracting(FieldDiff::path)
                .containsExactly("/data/greeting");
    }

    @Test
    void anObjectDeletedLiveIsReportedMissing() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());

        cluster.client.configMaps().inNamespace("shop").withName("web-config").delete();

        Report report = cluster.receiver.await(
                r -> resource(r, "ConfigMap", "web-config").status() == ResourceStatus.MISSING, WAIT);
        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        assertThat(resource(report, "ConfigMap", "web-config").message()).isEqualTo("missing from the cluster");
    }

    @Test
    void correctModeRestoresTheReplicasAndRecordsCorrectedNamingTheFieldAndTheKubectlEditManagerTheTestWritesIntoManagedFields() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));

        editDeployment(deployment -> new DeploymentBuilder(editedBy(deployment,
                kubectlEdit("apps/v1", EDITED_AT, Map.of("f:spec", Map.of("f:replicas", Map.of())))))
                .editSpec().withReplicas(5).endSpec().build());

        Report report = cluster.receiver.await(
                r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        assertThat(report.events()).filteredOn(event -> event.type() == EventType.CORRECTED)
                .extracting(ReportEvent::message)
                .containsExactly("corrected apps/Deployment/shop/web: /spec/replicas (set by kubectl-edit)");
        assertThat(report.phase()).isEqualTo(IN_SYNC_PHASE);
        assertThat(resource(report, "Deployment", "web").status()).isEqualTo(ResourceStatus.IN_SYNC);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void correctModeCreatesADeletedObjectAgain() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));

        cluster.client.configMaps().inNamespace("shop").withName("web-config").delete();

        Report report = cluster.receiver.await(
                r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        assertThat(report.events()).extracting(ReportEvent::message)
                .contains("corrected ConfigMap/shop/web-config: created it again, it was missing from the cluster");
        assertThat(cluster.client.configMaps().inNamespace("shop").withName("web-config").get().getData())
                .containsEntry("colour", "blue");
    }

    @Test
    void reportOnlyModeLeavesTheDriftInPlaceAndKeepsReportingIt() throws Exception {
        cluster.applyAndWatch(APP, reportOnly());
        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(5).endSpec().build());
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
        var revision = WatchedCluster.parse(APP.replace("""
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
        assertThat(report.events()).extracting(ReportEvent::message)
                .contains("pruned ConfigMap/shop/web-config", "created ServiceAccount/shop/web");

        var account = cluster.client.serviceAccounts().inNamespace("shop").withName("web").get();
        account.getMetadata().setResourceVersion(null);
        account.getMetadata().setLabels(Map.of("team", "someone-else"));
        cluster.client.serviceAccounts().inNamespace("shop").resource(account).update();

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

        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(5).endSpec().build());

        Report report = cluster.receiver.await(drifted("Deployment", "web"), WAIT);
        assertThat(report.events()).noneMatch(event -> event.type() == EventType.CORRECTED);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void aReplicaThatLostLeadershipNeitherCorrectsNorReportsUntilItLeadsAgain() throws Exception {
        cluster.applyAndWatch(APP, WatchSettings.defaults(WatchMode.CORRECT, List.of()));
        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        int before = cluster.receiver.accepted().size();
        cluster.leader = false;

        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(5).endSpec().build());
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

        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(5).endSpec().build());
        cluster.receiver.await(r -> r.events().stream().anyMatch(event -> event.type() == EventType.CORRECTED), WAIT);
        editDeployment(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(6).endSpec().build());

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

    @Test
    void aHundredEvaluationsAfterACleanApplyReportNoDrift() throws Exception {
        cluster.applyAndWatch(APP + AUTOSCALER + WatchedSecrets.SECRET_IN_GIT, reportOnly());
        int before = cluster.receiver.accepted().size();

        for (int i = 0; i < 100; i++) {
            assertThat(cluster.watch.resync()).as("evaluation %d", i)
                    .hasSize(5).extracting(ObjectDrift::status).containsOnly(DriftStatus.IN_SYNC);
        }

        assertThat(cluster.sender.awaitDelivered(WAIT)).isTrue();
        List<Report> reports = cluster.receiver.accepted().subList(before, cluster.receiver.accepted().size());
        assertThat(reports).isNotEmpty().allSatisfy(report -> {
            assertThat(report.phase()).isEqualTo(IN_SYNC_PHASE);
            assertThat(report.resources()).extracting(ResourceEntry::status).containsOnly(ResourceStatus.IN_SYNC);
            assertThat(report.resources()).allSatisfy(entry -> assertThat(entry.diffs()).isEmpty());
        });
    }

    private static WatchSettings reportOnly() {
        return WatchSettings.defaults(WatchMode.REPORT_ONLY, List.of());
    }

    private Report lastReport() {
        List<Report> accepted = cluster.receiver.accepted();
        return accepted.get(accepted.size() - 1);
    }

    private Deployment deployment() {
        return cluster.client.apps().deployments().inNamespace("shop").withName("web").get();
    }

    private void editDeployment(UnaryOperator<Deployment> edit) {
        Deployment live = deployment();
        live.getMetadata().setResourceVersion(null);
        cluster.client.apps().deployments().inNamespace("shop").resource(edit.apply(live)).update();
    }

    private void editConfigMap(UnaryOperator<Map<String, String>> data) {
        var live = cluster.client.configMaps().inNamespace("shop").withName("web-config").get();
        live.getMetadata().setResourceVersion(null);
        cluster.client.configMaps().inNamespace("shop")
                .resource(new ConfigMapBuilder(live).withData(data.apply(live.getData())).build()).update();
    }

    static Predicate<Report> drifted(String kind, String name) {
        return report -> resource(report, kind, name).status() == ResourceStatus.DRIFTED;
    }

    static Predicate<Report> inSync(String kind, String name) {
        return report -> resource(report, kind, name).status() == ResourceStatus.IN_SYNC;
    }
}
