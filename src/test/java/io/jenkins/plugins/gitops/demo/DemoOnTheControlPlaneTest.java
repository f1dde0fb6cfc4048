package io.jenkins.plugins.gitops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.cli.Main;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.ControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --kubeconfig ... --json}, as a process of its own, against the local control plane: the real
 * controllers roll the Deployment out, kwok runs its Pods, and the agent applies server-side. The
 * demo uses namespaces of its own ({@code demo-staging}, {@code gitops-demo}), so it runs once per JVM.
 */
@OnLocalControlPlane
class DemoOnTheControlPlaneTest {

    @TempDir
    Path temp;

    @Test
    @Timeout(240)
    void everyStepHoldsWithHealthFromTheRealControllersAndServerSideApply(ControlPlane cluster) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path narrativeFile = temp.resolve("narrative.txt");
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--kubeconfig", cluster.kubeconfig().toString(), "--json")
                .redirectError(narrativeFile.toFile()).start();
        demo.getOutputStream().close();
        String json = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int exitCode = demo.exitValue();
        String narrative = Files.readString(narrativeFile);
        System.out.println(narrative);

        JsonNode result = new ObjectMapper().readTree(json);
        List<String> names = new ArrayList<>();
        result.get("steps").forEach(step -> {
            names.add(step.get("name").asText());
            assertThat(step.get("ok").asBoolean()).as(step.get("name").asText() + " held; narrative:\n" + narrative).isTrue();
        });
        assertThat(names).containsExactly("promote-v1", "promote-v2", "drift", "self-heal", "revert-v2");
        assertThat(result.get("cluster").asText()).isEqualTo("the cluster of kubeconfig " + cluster.kubeconfig() + " ("
                + cluster.config().getMasterUrl() + ")");
        assertThat(narrative).contains("controllers: the cluster's own").doesNotContain("stand-in")
                .contains("server-side apply").doesNotContain("cannot do server-side apply");
        assertThat(exitCode).isZero();

        List<AuditEvent> deploymentWrites = cluster.audit(event -> event.fromAgent() && event.isWrite() && !event.isDryRun()
                && Demo.NAMESPACE.equals(event.namespace()) && "deployments".equals(event.resource()));
        assertThat(deploymentWrites).isNotEmpty().allSatisfy(event -> {
            assertThat(event.verb()).as("%s", event).isEqualTo("patch");
            assertThat(event.requestUri()).as("%s", event).contains("fieldManager=gitops-agent");
        });
        assertThat(cluster.audit(event -> "kubectl-edit".equals(fieldManager(event)) && Demo.NAMESPACE.equals(event.namespace())))
                .as("the live edit, by a person's client").singleElement()
                .satisfies(event -> assertThat(event.fromAgent()).isFalse());
    }

    private static String fieldManager(AuditEvent event) {
        int at = event.requestUri().indexOf("fieldManager=");
        return at < 0 ? null : event.requestUri().substring(at + "fieldManager=".length()).split("&")[0];
    }
}
