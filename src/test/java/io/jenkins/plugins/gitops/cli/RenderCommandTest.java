package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class RenderCommandTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/shop/web:1.4.2
            """;

    @TempDir
    Path dir;

    @Test
    void printsTheObjectsAsAYamlStreamWithTheirSources() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: shop}\ndata: {version: \"1.10\"}\n");

        CliRun run = run("render", "--dir", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("---\n# Source: config.yaml:1\napiVersion: v1\n").contains("# Source: web.yaml:1\n");
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(run.out()).forEach(documents::add);
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0)).isEqualTo(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "web", "namespace", "shop"), "data", Map.of("version", "1.10")));
    }

    @Test
    void printsJsonWithIdsAndSources() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), "# front end\n" + DEPLOYMENT);

        CliRun run = run("render", "--dir", dir.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode objects = new ObjectMapper().readTree(run.out()).get("objects");
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).get("id").asText()).isEqualTo("apps/Deployment/shop/web");
        assertThat(objects.get(0).get("source").asText()).isEqualTo("web.yaml:2");
        assertThat(objects.get(0).at("/object/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/shop/web:1.4.2");
    }

    @Test
    void refusesARevisionPrintingEveryProblemOnStderrAndExiting2() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("rbac.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: admin
                """);
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n");

        CliRun run = run("render", "--dir", dir.toString(), "--allowed-namespaces", "staging,prod", "--denied-kinds", "ClusterRoleBinding");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "bad.yaml:4: YAML syntax: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)",
                "rbac.yaml:1: rbac.authorization.k8s.io/ClusterRoleBinding/admin: kind ClusterRoleBinding is denied in this environment",
                "web.yaml:1: apps/Deployment/shop/web: namespace 'shop' is not allowed (allowed: prod, staging)");
    }

    @Test
    void rendersAKustomizationWithTheConfiguredBinary() throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: shop\nresources: [web.yaml]\n");
        Files.writeString(dir.resolve("web.yaml"), DEPLOYMENT.replace("  namespace: shop\n", ""));
        Path kubectl = Path.of(new ProcessBuilder("sh", "-c", "command -v kubectl").start().inputReader().readLine());

        CliRun run = run("render", "--dir", dir.toString(), "--json", "--kustomize-binary", kubectl.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode object = new ObjectMapper().readTree(run.out()).get("objects").get(0);
        assertThat(object.get("id").asText()).isEqualTo("apps/Deployment/shop/web");
        assertThat(object.get("source").asText()).isEqualTo("kustomization.yaml");
    }

    @Test
    void refusesAKustomizationWhoseBinaryIsMissing() throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");

        CliRun run = run("render", "--dir", dir.toString(), "--kustomize-binary", "no-such-kustomize");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("kustomization.yaml: kustomize could not run: 'no-such-kustomize' was not found or is not executable\n");
    }

    @Test
    void warnsOnStderrThatADirectoryRendersNothingAndExitsZero() throws IOException {
        Files.writeString(dir.resolve("main.jsonnet"), "{}\n");

        CliRun run = run("render", "--dir", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("warning: renders no objects: only *.yaml, *.yml and *.json files and kustomizations"
                + " are read (is this the right directory?)\n");
    }

    @Test
    void refusesADirectoryThatDoesNotExistNamingIt() {
        CliRun run = run("render", "--dir", "nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("no directory nope\n");
    }

    @Test
    void exits2WithoutADirectory() {
        CliRun run = run("render");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--dir=DIR'");
    }

    @Test
    void isListedInTheTopLevelHelp() {
        assertThat(run("--help").out()).contains("render");
    }

    private static CliRun run(String... args) {
        return CliRun.main(args);
    }
}
