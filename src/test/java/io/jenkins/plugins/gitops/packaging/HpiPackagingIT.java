package io.jenkins.plugins.gitops.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opens target/gitops.hpi as the Jenkins plugin manager would, and checks what it would read. */
class HpiPackagingIT {

    private static Map<String, byte[]> hpi;
    private static Attributes manifest;
    private static List<String> pluginJar;

    @BeforeAll
    static void open() {
        hpi = BuiltArtifacts.entries(BuiltArtifacts.hpi());
        manifest = BuiltArtifacts.manifest(BuiltArtifacts.hpi()).getMainAttributes();
        pluginJar = BuiltArtifacts.namesInNestedJar(hpi.get("WEB-INF/lib/gitops.jar"));
    }

    @Test
    void manifestIdentifiesThePluginToThePluginManager() {
        assertThat(manifest.getValue("Short-Name")).isEqualTo("gitops");
        assertThat(manifest.getValue("Long-Name")).isEqualTo("GitOps Pipeline");
        assertThat(manifest.getValue("Plugin-Version")).isEqualTo(BuiltArtifacts.property("gitops.version"));
        assertThat(manifest.getValue("Jenkins-Version")).isEqualTo(BuiltArtifacts.property("gitops.jenkins.version"));
        assertThat(manifest.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
        assertThat(manifest.getValue("Artifact-Id")).isEqualTo("gitops");
        assertThat(manifest.getValue("Url")).startsWith("https://");
        assertThat(manifest.getValue("Plugin-License-Name")).isEqualTo("MIT License");
        assertThat(manifest.getValue("Plugin-License-Url")).startsWith("https://");
        assertThat(manifest.getValue("Implementation-Title")).isEqualTo("gitops");
        assertThat(manifest.getValue("Implementation-Version")).isEqualTo(BuiltArtifacts.property("gitops.version"));
    }

    @Test
    void dependsOnEveryPluginWhoseClassesItUsesWithPinnedVersions() {
        List<String> dependencies = List.of(manifest.getValue("Plugin-Dependencies").split(","));
        assertThat(dependencies)
                .extracting(d -> d.substring(0, d.indexOf(':')))
                .containsExactlyInAnyOrder(
                        "credentials", "git-client", "jackson2-api", "plain-credentials", "snakeyaml-api", "ssh-credentials",
                        "workflow-step-api");
        assertThat(dependencies).allSatisfy(d -> assertThat(d).matches("[a-z0-9-]+:[0-9][^:;,]*(;resolution:=optional)?"));
    }

    @Test
    void pluginJarHoldsTheDescriptionAndTheExtensionIndex() {
        assertThat(hpi).containsKey("WEB-INF/lib/gitops.jar");
        byte[] jar = hpi.get("WEB-INF/lib/gitops.jar");
        assertThat(new String(BuiltArtifacts.entryOfNestedJar(jar, "index.jelly"), StandardCharsets.UTF_8))
                .contains("GitOps");
        assertThat(BuiltArtifacts.entryOfNestedJar(jar, "META-INF/annotations/hudson.Extension"))
                .as("SezPoz index of @Extension classes")
                .isNotNull()
                .isNotEmpty();
    }

    @Test
    void noJenkinsApiMirrorClassIsPackaged() {
        assertThat(pluginJar).noneMatch(name -> BuiltArtifacts.JENKINS_PACKAGES.stream().anyMatch(name::startsWith));
        assertThat(hpi.keySet()).noneMatch(name -> BuiltArtifacts.JENKINS_PACKAGES.stream().anyMatch(name::startsWith));
    }

    @Test
    void bundlesNoLibraryThatADependencyPluginProvidesOnlySemver4jThatNoneDoes() {
        assertThat(hpi.keySet())
                .filteredOn(name -> name.startsWith("WEB-INF/lib/") && !name.endsWith("/"))
                .map(name -> name.replaceAll("-[0-9.]+\\.jar$", ".jar"))
                .containsExactlyInAnyOrder("WEB-INF/lib/gitops.jar", "WEB-INF/lib/semver4j.jar");
    }

    @Test
    void leavesTheAgentAndCommandLineOut() {
        assertThat(pluginJar)
                .noneMatch(name -> name.startsWith("io/jenkins/plugins/gitops/agent/"))
                .noneMatch(name -> name.startsWith("io/jenkins/plugins/gitops/cli/"))
                .anyMatch(name -> name.startsWith("io/jenkins/plugins/gitops/jenkins/") && name.endsWith(".class"));
    }
}
