package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.testing.BareRepository;
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
import picocli.CommandLine;

/** An agent started afresh (a restart, a new pod) picks up where the inventory says the cluster is. */
@OnLocalControlPlane
@Timeout(120)
class AgentRestartTest {

    @TempDir
    Path temp;

    private static String web(TestNamespace namespace, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: " + namespace.name() + "\ndata:\n  value: \""
                + value + "\"\n";
    }

    /**
     * While no agent runs, a broken commit and its fix are pushed. The restarted agent's first report
     * names both as applied, so a {@code gitopsWaitForSync} waiting for either one ends.
     */
    @Test
    void theFirstReportAfterARestartNamesEveryCommitSinceTheInventorysRevision(TestNamespace namespace) throws Exception {
        BareRepository repository = BareRepository.create(temp, "config", "main", Map.of("apps/web.yaml", web(namespace, "1")));
        String source = "--repository=" + repository.fileUrl();
        assertThat(new CommandLine(new GitOpsCommand()).execute("agent", "--once", source, "--path=apps", "--environment=staging",
                "--kubeconfig=" + namespace.cluster().kubeconfig(), "--namespace=" + namespace.name(),
                "--work-dir=" + temp.resolve("once"))).as("the earlier agent synced").isZero();
        String broken = repository.commit("main", Map.of("apps/web.yaml", "kind: ConfigMap\n"), "Half-done change");
        String fixed = repository.commit("main", Map.of("apps/web.yaml", web(namespace, "2")), "Finish the change");

        byte[] secret = "restart-report-secret".getBytes(StandardCharsets.UTF_8);
        Path secretFile = Files.write(temp.resolve("report-secret"), secret);
        try (VerifyingReportEndpoint jenkins = new VerifyingReportEndpoint(secret);
                AgentProcess agent = AgentProcess.start(namespace, temp.resolve("restarted"), source, "--path=apps",
                        "--environment=staging", "--report-url=" + jenkins.endpoint(), "--report-secret-file=" + secretFile)) {
            Report first = jenkins.await(report -> !report.source().appliedCommits().isEmpty(), Duration.ofSeconds(60));

            assertThat(first.source().revision()).isEqualTo(fixed);
            assertThat(first.source().appliedCommits()).containsExactly(fixed, broken);
        }
    }
}
