package io.jenkins.plugins.gitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jenkins finds {@code @Symbol} classes through an annotation-indexer index, which the Jenkins build writes with
 * an annotation processor that is not on Maven Central. This build ships the index as a resource instead; this
 * test keeps it equal to the classes that carry the annotation.
 */
class SymbolIndexTest {

    private static final String INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";

    @Test
    void indexListsExactlyTheClassesAnnotatedWithSymbol() throws IOException {
        List<String> annotated = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.gitops.jenkins")
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
