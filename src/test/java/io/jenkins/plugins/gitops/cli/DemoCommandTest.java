package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code demo --json} end to end, in-process: git over the git protocol on loopback, the embedded API
 * server, the agent's loop, drift watch and signed reports, the receiver and store. Needs
 * {@code kubectl} on PATH for the kustomize overlay, as the agent does.
 */
class DemoCommandTest {

    @Test
    @Timeout(180)
    void everyStepHoldsOnTheEmbeddedApiServer() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            exitCode = Main.run("demo", "--json");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String narrative = errBytes.toString(StandardCharsets.UTF_8);
        System.out.println(narrative);

        JsonNode result = new ObjectMapper().readTree(outBytes.toString(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        result.get("steps").forEach(step -> {
            names.add(step.get("name").asText());
            assertThat(step.get("ok").asBoolean()).as(step.get("name").asText() + " held; narrative:\n" + narrative).isTrue();
            assertThat(step.get("ms").asLong()).isNotNegative();
        });
        assertThat(names).containsExactly("promote-v1", "promote-v2", "drift", "self-heal", "revert-v2");
        assertThat(result.get("uiUrl").asText()).startsWith("http://127.0.0.1:");
        assertThat(result.get("cluster").asText()).contains("embedded API server").contains("not a real cluster");
        assertThat(narrative).contains("runs none; a stand-in writes each Deployment's status");
        assertThat(exitCode).isZero();
    }

    @Test
    void refusesAKubeconfigThatIsNotThere() {
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            exitCode = Main.run("demo", "--kubeconfig", "/nonexistent/kubeconfig");
        } finally {
            System.setErr(err);
        }
        assertThat(exitCode).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("--kubeconfig /nonexistent/kubeconfig: no readable file there");
    }
}
