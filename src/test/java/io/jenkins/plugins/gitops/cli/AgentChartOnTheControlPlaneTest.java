package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.HelmTools;
import io.jenkins.plugins.gitops.testing.VerifyingReportEndpoint;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent as deployed applies a Helm chart of the repository with the environment's values, and reports it healthy. */
@OnLocalControlPlane
@Timeout(180)
class AgentChartOnTheControlPlaneTest {

    @TempDir
    Path temp;

    /** Templates without namespaces, as most charts have them: the release namespace holds them. */
    private static final Map<String, String> CHART = Map.of(
            "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "charts/web/values.yaml", "replicas: 1\nimage: registry.example.com/shop/web:1.0.0\n",
            "charts/web/values-staging.yaml", "replicas: 2\n",
            "charts/web/templates/deployment.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: {{ .Release.Name }}-web
                    spec:
                      replicas: {{ .Values.replicas }}
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers:
                          - name: web
                            image: {{ .Values.image }}
                    """,
            "charts/web/templates/service.yaml", """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: {{ .Release.Name }}-web
                    spec:
                      selector: {app: web}
                      ports:
                      - port: 80
                    """);

    @Test
    void appliesAChartWithTheEnvironmentsValuesAndReportsItHealthy(TestNamespace namespace) throws Exception {
        BareRepository repository = BareRepository.create(temp, "config", "main", CHART);
        byte[] secret = "chart-report-secret".getBytes(StandardCharsets.UTF_8);
        Path secretFile = Files.write(temp.resolve("report-secret"), secret);

        try (VerifyingReportEndpoint jenkins = new VerifyingReportEndpoint(secret);
                AgentProcess agent = AgentProcess.start(namespace, temp.resolve("agent"), "--repository=" + repository.fileUrl(),
                        "--path=charts/web", "--environment=staging", "--helm-binary=" + HelmTools.helm(),
                        "--helm-values=values-staging.yaml", "--report-url=" + jenkins.endpoint(),
                        "--report-secret-file=" + secretFile)) {
            Report healthy = jenkins.await(report -> report.phase() == SyncPhase.SYNCED && report.health() == Health.HEALTHY,
                    Duration.ofSeconds(120));

            assertThat(healthy.resources()).extracting(ResourceEntry::kind, ResourceEntry::namespace, ResourceEntry::name)
                    .contains(tuple("Deployment", namespace.name(), "staging-web"),
                            tuple("Service", namespace.name(), "staging-web"));
            Deployment deployment = namespace.client().apps().deployments().inNamespace(namespace.name()).withName("staging-web").get();
            assertThat(deployment.getSpec().getReplicas()).as(agent.output()).isEqualTo(2);
            assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
        }
    }
}
