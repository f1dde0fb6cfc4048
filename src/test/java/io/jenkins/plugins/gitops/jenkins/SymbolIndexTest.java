package io.jenkins.plugins.gitops.jenkins;

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
 * Jenkins finds {@code @Symbol} classes through an annotation-indexer index, which the Jenkins build writes with
 * an annotation processor that is not on Maven Central. This build ships the index as a resource instead; this
 * test keeps it equal to the classes that carry the annotation.
 */
class SymbolIndexTest {

    private static final String INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";

    /** Only the jenkins package may use Jenkins APIs (LayeringTest), so only its classes can carry the annotation. */
    private static final Path CLASSES = Path.of("target/classes/io/jenkins/plugins/gitops/jenkins");

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
