package io.jenkins.plugins.gitops.manifest;

import static io.jenkins.plugins.gitops.manifest.Revisions.configMap;
import static io.jenkins.plugins.gitops.manifest.Revisions.problems;
import static io.jenkins.plugins.gitops.manifest.Revisions.render;
import static io.jenkins.plugins.gitops.manifest.Revisions.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed or forbidden revision is refused whole, each problem named by file and line. */
class RevisionRefusalTest {

    @TempDir
    Path dir;

    @Test
    void refusesBrokenYamlWithTheParsersLine() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  labels: {app: web
                data:
                  key: value
                """);

        assertThat(problems(render(dir))).singleElement().asString()
                .startsWith("web.yaml:6: YAML syntax: ")
                .contains("flow mapping");
    }

    @Test
    void refusesTabIndentation() {
        write(dir, "web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: web\n");

        assertThat(problems(render(dir))).singleElement().asString()
                .startsWith("web.yaml:4: YAML syntax: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void refusesAnObjectWithoutKind() {
        write(dir, "web.yaml", """
                apiVersion: v1
                metadata:
                  name: web
                """);

        assertThat(problems(render(dir))).containsExactly("web.yaml:1: kind is missing");
    }

    @Test
    void refusesAnObjectWithoutName() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  namespace: shop
                """);

        assertThat(problems(render(dir))).containsExactly("web.yaml:4: metadata.name is missing");
    }

    @Test
    void refusesANameWithCapitals() {
        write(dir, "web.yaml", configMap("Web"));

        assertThat(problems(render(dir))).containsExactly("web.yaml:4: metadata.name 'Web' is not a valid ConfigMap name: "
                + "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
    }

    @Test
    void refusesAServiceNameThatIsNoDnsLabel() {
        write(dir, "svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web.shop
                """);

        assertThat(problems(render(dir))).singleElement().asString()
                .startsWith("svc.yaml:4: metadata.name 'web.shop' is not a valid Service name: ");
    }

    @Test
    void refusesAMalformedNamespaceAndANonStringName() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: 42
                  namespace: Shop_Floor
                """);

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:4: metadata.name must be a string, not a number; quote it",
                "web.yaml:5: metadata.namespace 'Shop_Floor' is not a valid namespace: "
                        + "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    @Test
    void refusesMalformedApiVersionAndLowercaseKind() {
        write(dir, "web.yaml", """
                apiVersion: Apps/v1
                kind: deployment
                metadata:
                  name: web
                """);

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:1: apiVersion 'Apps/v1' is malformed: expected 'version' or 'group/version' in lowercase, such as v1 or apps/v1",
                "web.yaml:2: kind 'deployment' is malformed: expected CamelCase starting with a capital letter, such as Deployment");
    }

    @Test
    void refusesTheSameObjectInTwoFilesNamingBoth() {
        write(dir, "a.yaml", configMap("web"));
        write(dir, "b/c.yaml", "# the same again\n" + configMap("web"));

        assertThat(problems(render(dir))).containsExactly("b/c.yaml:2: ConfigMap/web: declared twice, first at a.yaml:1");
    }

    @Test
    void refusesTheSameObjectTwiceInOneFile() {
        write(dir, "web.yaml", configMap("web") + "---\n" + configMap("web"));

        assertThat(problems(render(dir))).containsExactly("web.yaml:8: ConfigMap/web: declared twice, first at web.yaml:1");
    }

    @Test
    void refusesARepeatedKey() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  name: other
                """);

        assertThat(problems(render(dir))).containsExactly("web.yaml:5: key 'name' repeats (first at line 4)");
    }

    @Test
    void refusesANamespaceOutsideTheAllowedOnes() {
        write(dir, "web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: kube-system
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: kube-public
                """);

        RevisionPolicy policy = new RevisionPolicy(Set.of("shop", "shop-staging"), Set.of());

        assertThat(problems(render(dir, policy, Kustomize.KUBECTL))).containsExactly(
                "web.yaml:1: apps/Deployment/kube-system/web: namespace 'kube-system' is not allowed (allowed: shop, shop-staging)",
                "web.yaml:7: Namespace/kube-public: creates namespace 'kube-public', which is not allowed (allowed: shop, shop-staging)");
    }

    @Test
    void refusesADeniedKind() {
        write(dir, "rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: everyone-admin
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
                """);

        RevisionPolicy policy = new RevisionPolicy(Set.of(), Set.of("ClusterRoleBinding"));

        assertThat(problems(render(dir, policy, Kustomize.KUBECTL))).containsExactly(
                "rbac.yaml:1: rbac.authorization.k8s.io/ClusterRoleBinding/everyone-admin: kind ClusterRoleBinding is denied in this environment");
    }

    @Test
    void refusesADeniedKindNamedWithItsGroup() {
        write(dir, "role.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: "system:aggregate-to-shop"
                """);

        RevisionPolicy policy = new RevisionPolicy(Set.of(), Set.of("rbac.authorization.k8s.io/ClusterRole"));

        assertThat(problems(render(dir, policy, Kustomize.KUBECTL))).singleElement().asString()
                .isEqualTo("role.yaml:1: rbac.authorization.k8s.io/ClusterRole/system:aggregate-to-shop: kind ClusterRole is denied in this environment");
    }

    @Test
    void refusesAScalarDocument() {
        write(dir, "notes.yaml", configMap("web") + "---\njust some text\n");

        assertThat(problems(render(dir))).containsExactly(
                "notes.yaml:8: document is a string, not a Kubernetes object (a mapping with apiVersion, kind and metadata)");
    }

    @Test
    void refusesASequenceDocument() {
        write(dir, "list.yaml", """
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: web}
                """);

        assertThat(problems(render(dir))).containsExactly("list.yaml:1: document is a sequence, not a Kubernetes object "
                + "(a mapping with apiVersion, kind and metadata); write one object per document, or a kind: List with items");
    }

    @Test
    void refusesAListItemThatIsNoObject() {
        write(dir, "list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: web}
                - web
                """);

        assertThat(problems(render(dir))).containsExactly(
                "list.yaml:7: item of the List is a string, not a Kubernetes object (a mapping with apiVersion, kind and metadata)");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\nlol0: &a0 [lol]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("lol").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        write(dir, "lol.yaml", yaml.toString());

        assertThat(problems(render(dir))).containsExactly(
                "lol.yaml:1: more than 50 aliases to collections in one document (refused as a possible billion-laughs attack)");
    }

    @Test
    void refusesAliasesThatExpandTooFarEvenWhenFew() {
        // 7 levels of 7 aliases: 49 aliases, under snakeyaml's limit, but 7^7 values once expanded.
        StringBuilder yaml = new StringBuilder("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\nlol0: &a0 [lol]\n");
        for (int level = 1; level <= 7; level++) {
            yaml.append("lol").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 7; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        write(dir, "lol.yaml", yaml.toString());

        assertThat(problems(render(dir))).containsExactly(
                "lol.yaml:2: document expands to more than 500000 values through aliases (refused as a possible billion-laughs attack)");
    }

    @Test
    void refusesCustomAndBinaryTags() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  a: !env HOME
                  b: !!binary aGVsbG8=
                  c: !!set {x, y}
                """);

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:6: tag !env is not allowed: only plain YAML/JSON values (no custom or binary types)",
                "web.yaml:7: tag !!binary is not allowed: only plain YAML/JSON values (no custom or binary types)",
                "web.yaml:8: tag !!set is not allowed: only plain YAML/JSON values (no custom or binary types)");
    }

    @Test
    void refusesJavaTypeTags() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  b: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1/"]]]]
                """);

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:6: tag !!javax.script.ScriptEngineManager is not allowed: only plain YAML/JSON values (no custom or binary types)");
    }

    @Test
    void refusesNonStringKeysAndLabelValues() {
        write(dir, "web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  labels:
                    version: 1.0
                    tier: "front end"
                data:
                  on: "yes"
                  replicas: 3
                """);

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:6: ConfigMap/web: label 'version' must be a string, not a number; quote it",
                "web.yaml:7: ConfigMap/web: label 'tier' has a malformed value: "
                        + "empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
                "web.yaml:9: key 'on' is read as a boolean; quote it to make it a string",
                "web.yaml:10: ConfigMap/web: data 'replicas' must be a string, not a number; quote it");
    }

    @Test
    void refusesSecretDataThatIsNotBase64WithoutShowingIt() {
        write(dir, "secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                data:
                  password: hunter2!
                """);

        assertThat(problems(render(dir)))
                .containsExactly("secret.yaml:7: Secret/shop/db: data 'password' is not valid base64")
                .noneMatch(problem -> problem.contains("hunter2"));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        write(dir, "deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(200) + "]".repeat(200) + "\n");

        assertThat(problems(render(dir))).singleElement().asString().startsWith("deep.yaml:");
    }

    @Test
    void refusesAFileLargerThanTheLimitWithoutReadingIt() {
        write(dir, "huge.yaml", "#".repeat((int) ManifestFiles.MAX_FILE_BYTES + 1));

        assertThat(problems(render(dir))).containsExactly("huge.yaml: is 8388609 bytes, more than the 8 MiB a manifest file may have");
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        write(dir, "web.yaml", configMap("web") + "spec: {limit: .inf, port: !!int eighty}\n");

        assertThat(problems(render(dir))).containsExactly(
                "web.yaml:7: '.inf' is not a finite number, which JSON cannot hold",
                "web.yaml:7: value is not a valid !!int");
    }

    @Test
    void collectsEveryProblemOfTheRevisionAndReturnsNoObjects() {
        write(dir, "a.yaml", configMap("good"));
        write(dir, "b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
        write(dir, "c/d.yaml", "kind: ConfigMap\nmetadata: {name: x}\n");
        write(dir, "e.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"UPPER\"}}");

        RenderResult result = render(dir);

        assertThat(result).isInstanceOf(RenderResult.Refused.class);
        assertThat(problems(result)).hasSize(3).extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactly("b.yaml", "c/d.yaml", "e.json");
    }

    @Test
    void refusesABrokenKustomizationBelowAPlainDirectoryNamingIt() {
        write(dir, "web.yaml", configMap("web"));
        write(dir, "apps/kustomization.yaml", "resources: [missing.yaml]\n");

        assertThat(problems(render(dir))).singleElement().asString()
                .startsWith("apps/kustomization.yaml: kubectl kustomize failed: accumulating resources: ")
                .contains("'missing.yaml'")
                .doesNotContain(dir.toString());
    }

    @Test
    void refusesAClusterScopedObjectDeclaredTwiceOnceWithANamespace() {
        write(dir, "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        write(dir, "b.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  namespace: default\n");

        assertThat(problems(render(dir))).containsExactly("b.yaml:1: Namespace/shop: declared twice, first at a.yaml:1");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n".getBytes("ISO-8859-1"));

        assertThat(problems(render(dir))).containsExactly("latin1.yaml: is not UTF-8 text");
    }

    @Test
    void refusesASymbolicLinkLeadingOutOfTheDirectory(@TempDir Path outside) throws IOException {
        Path secret = write(outside, "token.yaml", "token: s3cr3t\n");
        Files.createSymbolicLink(dir.resolve("token.yaml"), secret);

        assertThat(problems(render(dir))).containsExactly("token.yaml: is a symbolic link to outside the rendered directory");
    }

    @Test
    void refusesAMissingDirectory() {
        Path absent = dir.resolve("absent");

        assertThat(problems(render(absent))).containsExactly("no directory " + absent);
    }

    @Test
    void refusesAFileGivenForTheDirectory() {
        Path file = write(dir, "web.yaml", configMap("web"));

        assertThat(problems(render(file))).containsExactly(file + " is a file, not a directory");
    }

    @Test
    void refusesAKustomizationWithAMissingResource() {
        write(dir, "kustomization.yaml", "resources:\n- missing.yaml\n");

        assertThat(problems(render(dir))).singleElement().asString()
                .startsWith("kustomization.yaml: kubectl kustomize failed: accumulating resources: ")
                .contains("missing.yaml")
                .doesNotContain(dir.toString());
    }

    @Test
    void refusesAKustomizationWhenTheBinaryIsAbsent() {
        write(dir, "kustomization.yaml", "resources: []\n");

        RenderResult result = render(dir, RevisionPolicy.OPEN, Kustomize.binary("/nonexistent/bin/kustomize"));

        assertThat(problems(result)).containsExactly(
                "kustomization.yaml: kustomize could not run: '/nonexistent/bin/kustomize' was not found or is not executable");
    }

    @Test
    void refusesAKustomizationWhoseBinaryFailsWithAllOfItsErrorOutput(@TempDir Path bin) throws IOException {
        write(dir, "kustomization.yaml", "resources: []\n");
        Path fake = executable(bin, "kustomize", "#!/bin/sh\necho \"Error: no such plugin\" >&2\necho 'more detail' >&2\nexit 3\n");

        assertThat(problems(render(dir, RevisionPolicy.OPEN, Kustomize.binary(fake.toString()))))
                .containsExactly("kustomization.yaml: " + fake + " build failed: Error: no such plugin\nmore detail");
    }

    @Test
    void keepsEveryLineOfAMultiLineKustomizeErrorWithoutKlogsFraming() {
        write(dir, "kustomization.yaml", """
                transformers:
                - |-
                  apiVersion: builtin
                  kind: PatchTransformer
                  metadata:
                    name: fix-web
                """);

        assertThat(problems(render(dir))).containsExactly("""
                kustomization.yaml: kubectl kustomize failed: plugin PatchTransformer.builtin.[noGrp]/fix-web.[noNs] \
                fails configuration: must specify one of patch and path in
                apiVersion: builtin
                kind: PatchTransformer
                metadata:
                  name: fix-web""");
    }

    @Test
    void refusesAKustomizationThatTakesTooLong(@TempDir Path bin) throws IOException {
        write(dir, "kustomization.yaml", "resources: []\n");
        Path slow = executable(bin, "kustomize", "#!/bin/sh\nsleep 30\n");

        Kustomize kustomize = Kustomize.binary(slow.toString()).withTimeout(Duration.ofSeconds(1));

        assertThat(problems(render(dir, RevisionPolicy.OPEN, kustomize)))
                .containsExactly("kustomization.yaml: " + slow + " build did not finish within 1 s");
    }

    @Test
    void refusesAKustomizationRenderingAForbiddenNamespace() {
        write(dir, "kustomization.yaml", "namespace: kube-system\nresources: [web.yaml]\n");
        write(dir, "web.yaml", configMap("web"));

        RevisionPolicy policy = new RevisionPolicy(Set.of("shop"), Set.of());

        assertThat(problems(render(dir, policy, Kustomize.KUBECTL))).containsExactly(
                "kustomization.yaml: ConfigMap/kube-system/web: namespace 'kube-system' is not allowed (allowed: shop)");
    }

    private static Path executable(Path bin, String name, String script) throws IOException {
        Path file = write(bin, name, script);
        file.toFile().setExecutable(true);
        return file;
    }
}
