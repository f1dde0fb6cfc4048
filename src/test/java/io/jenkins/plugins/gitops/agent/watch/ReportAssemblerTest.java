package io.jenkins.plugins.gitops.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.gitops.agent.apply.ApplyResult;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.agent.health.Health;
import io.jenkins.plugins.gitops.agent.health.HealthStatus;
import io.jenkins.plugins.gitops.drift.DriftDetector;
import io.jenkins.plugins.gitops.drift.ObjectDrift;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String REVISION = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final List<ManifestObject> DESIRED = WatchedCluster.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {replicas: 2}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: web-credentials, namespace: shop}
            stringData: {password: hunter2}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """);
    private static final ManifestObject WEB = DESIRED.get(0);
    private static final ManifestObject SECRET = DESIRED.get(1);
    private static final ManifestObject NAMESPACE = DESIRED.get(2);
    private static final ResourceId OLD_WORKER = ResourceId.of("batch/v1", "CronJob", "shop", "old-worker");
    private static final DriftDetector DETECTOR = new DriftDetector(List.of(), Set.of());

    private final Map<ResourceId, Observation> observed = new LinkedHashMap<>();

    @Test
    void allInSyncAndHealthyIsSynced() {
        observeInSync();

        Report report = assemble(state(List.of()));

        assertThat(report.phase()).isEqualTo(SyncPhase.SYNCED);
        assertThat(report.health()).isEqualTo(io.jenkins.plugins.gitops.report.Health.HEALTHY);
        assertThat(report.resources()).extracting(ResourceEntry::status).containsOnly(ResourceStatus.IN_SYNC);
        assertThat(report.resources()).extracting(ResourceEntry::namespace).containsExactly("shop", "shop", null);
        assertThat(report.source().revision()).isEqualTo(REVISION);
        assertThat(report.source().repository()).isEqualTo("https://git.example.com/config.git");
    }

    @Test
    void aProgressingResourceMakesThePhaseProgressingAndDegradedOutranksIt() {
        observeInSync();
        observed.put(WEB.id(), new Observation(DETECTOR.compare(WEB, WEB.content()),
                new Health(HealthStatus.PROGRESSING, "1 of 2 updated replicas are available")));

        Report progressing = assemble(state(List.of()));
        assertThat(progressing.phase()).isEqualTo(SyncPhase.PROGRESSING);
        assertThat(progressing.resources().get(0).message()).isEqualTo("1 of 2 updated replicas are available");

        observed.put(SECRET.id(), new Observation(DETECTOR.compare(SECRET, live(SECRET)),
                new Health(HealthStatus.DEGRADED, "broken")));
        Report degraded = assemble(state(List.of()));
        assertThat(degraded.health()).isEqualTo(io.jenkins.plugins.gitops.report.Health.DEGRADED);
        assertThat(degraded.phase()).isEqualTo(SyncPhase.PROGRESSING);
    }

    @Test
    void driftedResourcesCarryTheirDiffsAndMakeThePhaseOutOfSync() {
        observeInSync();
        Map<String, Object> scaled = new LinkedHashMap<>(WEB.content());
        scaled.put("spec", Map.of("replicas", 5));
        observed.put(WEB.id(), new Observation(DETECTOR.compare(WEB, scaled), healthy()));

        Report report = assemble(state(List.of()));

        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        ResourceEntry web = report.resources().get(0);
        assertThat(web.status()).isEqualTo(ResourceStatus.DRIFTED);
        assertThat(web.message()).isEqualTo("1 field drifted: /spec/replicas");
        assertThat(web.diffs()).singleElement().satisfies(diff -> {
            assertThat(diff.desired().json()).isEqualTo("2");
            assertThat(diff.live().json()).isEqualTo("5");
        });
    }

    @Test
    void aMissingObjectIsMissingAndOutOfSync() {
        observeInSync();
        observed.put(SECRET.id(), new Observation(DETECTOR.compare(SECRET, null), new Health(HealthStatus.UNKNOWN, "")));

        Report report = assemble(state(List.of()));

        assertThat(report.phase()).isEqualTo(SyncPhase.OUT_OF_SYNC);
        assertThat(report.resources().get(1).status()).isEqualTo(ResourceStatus.MISSING);
        assertThat(report.health()).isEqualTo(io.jenkins.plugins.gitops.report.Health.UNKNOWN);
    }

    @Test
    void aFailedApplyIsAFailedResourceWithTheApplyMessageAndAFailedPhase() {
        observeInSync();
        Outcome failed = new Outcome(WEB.id(), Action.FAILED, "apps/Deployment/shop/web: Forbidden (403): no", WEB.source());

        Report report = assemble(state(List.of(failed)));

        assertThat(report.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(report.resources().get(0).status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(report.resources().get(0).message()).isEqualTo("apps/Deployment/shop/web: Forbidden (403): no");
    }

    @Test
    void aReconcileFailureOutsideTheApplyMakesThePhaseFailed() {
        observeInSync();
        AppliedState state = new AppliedState(REVISION, List.of(), DESIRED, List.of(), Map.of(), List.of(),
                "revision refused: app.yaml:3: image tag latest is not allowed");

        assertThat(assemble(state).phase()).isEqualTo(SyncPhase.FAILED);
    }

    @Test
    void prunedObjectsFollowAsPrunedWithTheApiVersionTheyWereAppliedWith() {
        observeInSync();
        Outcome pruned = new Outcome(OLD_WORKER, Action.PRUNED, "", null);

        Report report = ReportAssembler.assemble(WatchedCluster.CONTEXT, state(List.of(pruned)), observed, List.of(),
                List.of(), Map.of(OLD_WORKER, "batch/v1"), NOW);

        assertThat(report.phase()).isEqualTo(SyncPhase.SYNCED);
        assertThat(report.resources()).last().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(ResourceStatus.PRUNED);
            assertThat(entry.apiVersion()).isEqualTo("batch/v1");
            assertThat(entry.name()).isEqualTo("old-worker");
        });
    }

    @Test
    void aFailedPruneIsAFailedResource() {
        observeInSync();
        Outcome failed = new Outcome(OLD_WORKER, Action.FAILED, "prune: Forbidden (403): no", null);

        Report report = assemble(state(List.of(failed)));

        assertThat(report.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(report.resources()).last().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(ResourceStatus.FAILED);
            assertThat(entry.message()).isEqualTo("prune: Forbidden (403): no");
        });
    }

    @Test
    void appliedCommitsAreCutToTheNewestFiveHundred() {
        observeInSync();
        List<String> commits = IntStream.range(0, 600).mapToObj(i -> String.format("%040x", 600 - i)).toList();

        Report report = ReportAssembler.assemble(WatchedCluster.CONTEXT, state(List.of()), observed, commits, List.of(),
                Map.of(), NOW);

        assertThat(report.source().appliedCommits()).hasSize(500).startsWith(commits.get(0)).endsWith(commits.get(499));
    }

    @Test
    void eventsOfAnApplyNameWhatWasCreatedChangedPrunedOrFailed() {
        ApplyResult result = new ApplyResult(REVISION, List.of(
                new Outcome(WEB.id(), Action.CONFIGURED, "", WEB.source()),
                new Outcome(SECRET.id(), Action.UNCHANGED, "", SECRET.source()),
                new Outcome(NAMESPACE.id(), Action.CREATED, "", NAMESPACE.source()),
                new Outcome(OLD_WORKER, Action.PRUNED, "", null)), Map.of());

        AppliedState state = AppliedState.afterApply(List.of(REVISION), DESIRED, result, Map.of(), NOW);

        assertThat(state.events()).extracting(ReportEvent::type)
                .containsExactly(EventType.APPLIED, EventType.APPLIED, EventType.PRUNED);
        assertThat(state.events()).extracting(ReportEvent::message).containsExactly(
                "configured apps/Deployment/shop/web", "created Namespace/shop", "pruned batch/CronJob/shop/old-worker");
    }

    @Test
    void anObjectPruneLeftInPlaceIsAPrunedEventSayingWhy() {
        String why = "the API server does not serve kind CronJob in batch/v1; kept in the inventory, pruned once it is served";
        ApplyResult result = new ApplyResult(REVISION, List.of(new Outcome(OLD_WORKER, Action.KEPT, why, null)), Map.of());

        AppliedState state = AppliedState.afterApply(List.of(REVISION), DESIRED, result, Map.of(), NOW);

        assertThat(state.events()).extracting(ReportEvent::type, ReportEvent::message)
                .containsExactly(tuple(EventType.PRUNED, "not pruned batch/CronJob/shop/old-worker: " + why));
    }

    @Test
    void aCorrectedEventNamesFieldsAndManagersButNoValues() {
        Map<String, Object> live = new LinkedHashMap<>(live(SECRET));
        live.put("data", Map.of("password", "c3dvcmRmaXNo"));
        ObjectDrift drift = DETECTOR.compare(SECRET, live);

        assertThat(DriftWatch.correctedMessage(drift)).isEqualTo("corrected Secret/shop/web-credentials: /data/password");
    }

    private Report assemble(AppliedState state) {
        return ReportAssembler.assemble(WatchedCluster.CONTEXT, state, observed, List.of(REVISION), List.of(), Map.of(), NOW);
    }

    private static AppliedState state(List<Outcome> outcomes) {
        return new AppliedState(REVISION, List.of(REVISION), DESIRED, outcomes, new HashMap<>(), List.of(), null);
    }

    private void observeInSync() {
        for (ManifestObject object : DESIRED) {
            observed.put(object.id(), new Observation(DETECTOR.compare(object, live(object)), healthy()));
        }
    }

    /** The object as the server stores it: a Secret's stringData folded into data. */
    private static Map<String, Object> live(ManifestObject object) {
        Map<String, Object> live = new LinkedHashMap<>(object.content());
        if (live.remove("stringData") != null) {
            live.put("data", Map.of("password", "aHVudGVyMg=="));
        }
        return live;
    }

    private static Health healthy() {
        return new Health(HealthStatus.HEALTHY, "");
    }
}
