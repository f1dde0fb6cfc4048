package io.jenkins.plugins.gitops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Holds the package layering of DESIGN.md section 3 (and docs/architecture.md). */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String ROOT = "io.jenkins.plugins.gitops.";

    private static final String[] JENKINS_APIS = {
        "hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci.plugins..", "org.jenkinsci.Symbol",
        "com.cloudbees..", "net.sf.json..", "org.kohsuke.accmod..", "jakarta.servlet.."
    };

    @ArchTest
    static final ArchRule capabilitiesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("image").definedBy(ROOT + "image..")
            .layer("environment").definedBy(ROOT + "environment..")
            .layer("report").definedBy(ROOT + "report..")
            .layer("registry").definedBy(ROOT + "registry..")
            .layer("manifest").definedBy(ROOT + "manifest..")
            .layer("git").definedBy(ROOT + "git..")
            .layer("drift").definedBy(ROOT + "drift..")
            .layer("promote").definedBy(ROOT + "promote..")
            .layer("pages").definedBy(ROOT + "pages..")
            .layer("sync").definedBy(ROOT + "sync..")
            .layer("notification").definedBy(ROOT + "notification..")
            .layer("agent").definedBy(ROOT + "agent..")
            .layer("demo").definedBy(ROOT + "demo..")
            .layer("cli").definedBy(ROOT + "cli..")
            .layer("jenkins").definedBy(ROOT + "jenkins..")
            .whereLayer("image").mayNotAccessAnyLayer()
            .whereLayer("environment").mayNotAccessAnyLayer()
            .whereLayer("report").mayNotAccessAnyLayer()
            .whereLayer("registry").mayOnlyAccessLayers("image")
            .whereLayer("manifest").mayOnlyAccessLayers("image")
            .whereLayer("git").mayOnlyAccessLayers("environment")
            .whereLayer("drift").mayOnlyAccessLayers("manifest", "image")
            .whereLayer("promote").mayOnlyAccessLayers("manifest", "image", "git", "environment")
            .whereLayer("pages").mayOnlyAccessLayers("report", "environment", "image")
            .whereLayer("sync").mayOnlyAccessLayers("report", "pages", "environment")
            .whereLayer("notification").mayOnlyAccessLayers("report", "environment")
            .whereLayer("agent")
            .mayOnlyAccessLayers("image", "environment", "report", "manifest", "git", "drift", "promote", "pages")
            .whereLayer("demo")
            .mayOnlyAccessLayers("image", "environment", "report", "manifest", "git", "drift", "promote", "pages", "sync", "agent")
            .whereLayer("cli")
            .mayOnlyAccessLayers("image", "environment", "report", "manifest", "git", "drift", "promote", "pages", "sync", "agent",
                    "demo", "registry")
            .whereLayer("jenkins")
            .mayOnlyAccessLayers("image", "environment", "report", "manifest", "git", "drift", "promote", "pages", "sync",
                    "registry", "notification");

    @ArchTest
    static final ArchRule onlyTheJenkinsLayerTouchesJenkinsApis = noClasses()
            .that().resideOutsideOfPackage(ROOT + "jenkins..")
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_APIS)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheAgentAndCommandLineTalkToKubernetes = noClasses()
            .that().resideOutsideOfPackages(ROOT + "agent..", ROOT + "demo..", ROOT + "cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..")
            .allowEmptyShould(true);

    /**
     * The Jenkins layer may use JGit too: Jenkins' git client speaks in JGit types ({@code URIish},
     * {@code RefSpec}, {@code ObjectId}, {@code PersonIdent}), and the git-client plugin provides JGit at run time.
     */
    @ArchTest
    static final ArchRule onlyTheGitLayerUsesJGit = noClasses()
            .that().resideOutsideOfPackages(ROOT + "git..", ROOT + "jenkins..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..")
            .allowEmptyShould(true);
}
