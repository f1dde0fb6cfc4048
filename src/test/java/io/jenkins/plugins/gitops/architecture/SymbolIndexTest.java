package io.jenkins.plugins.gitops.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jenkins finds {@code @Symbol} classes through an annotation-indexer index, which a Jenkins build writes with
 * annotation-indexer's processor. That processor is not on Maven Central (only the POM of its version 1.4 is), so
 * this build ships the index as a resource; this test derives the index from the compiled classes and fails on
 * any difference. The other index the plugin loader reads, {@code META-INF/annotations/hudson.Extension}, is
 * written by SezPoz's processor at compile time and needs no such check.
 */
class SymbolIndexTest {

    private static final String INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";

    /** Every compiled class: a {@code @Symbol} outside the jenkins package would be a layering fault, not a reason to miss it. */
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void indexListsExactlyTheClassesAnnotatedWithSymbol() throws IOException {
        List<String> annotated = new ClassFileImporter()
                .importPath(CLASSES)
                .stream()
                .filter(type -> type.isAnnotatedWith("org.jenkinsci.Symbol"))
                .map(JavaClass::getName)
                .sorted()
                .toList();

        // A name, not a class literal: loading the class needs Jenkins itself.
        assertThat(annotated).contains("io.jenkins.plugins.gitops.jenkins.GitOpsConfiguration");
        assertThat(indexedClasses()).as(INDEX).isEqualTo(annotated);
    }

    private static List<String> indexedClasses() throws IOException {
        try (InputStream index = SymbolIndexTest.class.getClassLoader().getResourceAsStream(INDEX)) {
            assertThat(index).as(INDEX).isNotNull();
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList();
        }
    }
}
