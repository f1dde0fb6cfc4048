package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SignedReport;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore.Placement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reports built to order for the store, receiver and page tests. */
public final class TestReports {

    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** The secret every test delivery is signed with. */
    public static final byte[] SECRET = "store-test-secret".getBytes(StandardCharsets.UTF_8);

    private TestReports() {}

    /** Adds a report to a store as the receiver does: with the delivery it arrived in, signed when generated. */
    public static Placement addTo(ReportStore store, Report report) throws IOException {
        return store.add(report, delivery(report));
    }

    /** The delivery of a report signed at its {@code generatedAt}. */
    public static SignedReport delivery(Report report) {
        return SignedReport.sign(report, SECRET, UUID.randomUUID(), report.generatedAt());
    }

    /** A full lowercase commit id made from a short label, for example {@code commit("a")}. */
    public static String commit(String label) {
        StringBuilder hex = new StringBuilder();
        for (char c : label.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        while (hex.length() < 40) {
            hex.append('0');
        }
        return hex.substring(0, 40);
    }

    /** A synced, healthy environment at {@code revision} with {@code resources} in-sync resources. */
    public static Report at(String environment, Instant generatedAt, String revision, int resources) {
        return report(environment, generatedAt, revision, List.of(), SyncPhase.SYNCED, Health.HEALTHY, resources, 0);
    }

    /**
     * A report with {@code drifted} drifted Deployments (one replica diff each) after {@code inSync} in-sync
     * ConfigMaps.
     */
    public static Report report(String environment, Instant generatedAt, String revision, List<String> appliedCommits,
            SyncPhase phase, Health health, int inSync, int drifted) {
        List<ResourceEntry> resources = new ArrayList<>();
        for (int i = 0; i < inSync; i++) {
            resources.add(new ResourceEntry("v1", "ConfigMap", "shop", "settings-" + i, ResourceStatus.IN_SYNC,
                    Health.HEALTHY, List.of(), null));
        }
        for (int i = 0; i < drifted; i++) {
            resources.add(new ResourceEntry("apps/v1", "Deployment", "shop", "web-" + i, ResourceStatus.DRIFTED, health,
                    List.of(new FieldDiff("/spec/replicas", JsonValue.of(3), JsonValue.of(5), "kubectl-scale",
                            generatedAt.minusSeconds(60))), null));
        }
        return new Report(Report.SCHEMA, environment, new AgentIdentity("agent-1", "0.1.0"),
                new SourceState("https://git.example.com/shop/config.git", "main", "staging", revision, appliedCommits),
                phase, health, resources, List.of(), generatedAt, null, Omitted.NONE);
    }
}
