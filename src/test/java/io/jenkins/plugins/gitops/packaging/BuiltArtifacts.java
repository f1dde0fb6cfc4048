package io.jenkins.plugins.gitops.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** The artifacts {@code mvn package} wrote, as the integration tests that run after it see them. */
final class BuiltArtifacts {

    /** Packages of Jenkins core, its libraries and the plugins we depend on: the API mirror stands in for these and must never ship. */
    static final List<String> JENKINS_PACKAGES = List.of(
            "hudson/", "jenkins/", "org/kohsuke/", "org/jenkinsci/plugins/workflow/",
            "org/jenkinsci/plugins/gitclient/", "org/jenkinsci/plugins/plaincredentials/",
            "org/jenkinsci/Symbol", "com/cloudbees/", "net/sf/json/", "org/springframework/", "com/google/common/", "org/jvnet/",
            "jakarta/servlet/");

    private BuiltArtifacts() {}

    static Path buildDirectory() {
        return Path.of(System.getProperty("gitops.build.directory", "target"));
    }

    static Path hpi() {
        return existing(buildDirectory().resolve("gitops.hpi"));
    }

    static Path agentJar() {
        return existing(buildDirectory().resolve("gitops-agent.jar"));
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is set by the failsafe configuration in pom.xml");
        }
        return value;
    }

    /** Entry names and contents of a zip, and of a jar nested in it. */
    static Map<String, byte[]> entries(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                try (InputStream in = file.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> namesInNestedJar(byte[] jar) {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            List<String> names = new ArrayList<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] entryOfNestedJar(byte[] jar, String name) {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest manifest(Path jar) {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " does not exist: run the integration tests through 'mvn verify'");
        }
        return path;
    }
}
