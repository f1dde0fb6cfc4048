package io.jenkins.plugins.gitops.agent;

import static io.jenkins.plugins.gitops.agent.AgentFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.agent.AgentFixture.Started;
import io.jenkins.plugins.gitops.agent.loop.Condition;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.agent.loop.SignatureCheck;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.CommitSigning;
import io.jenkins.plugins.gitops.git.CommitVerifier;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.VerifyCommits;
import io.jenkins.plugins.gitops.promote.Promotion;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.PromotionTransaction;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.SigningKeys;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An agent that requires signed revisions, on the local control plane, fed commits signed by real git with ssh-keygen keys. */
@OnLocalControlPlane
@Timeout(120)
class SignedRevisionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private static String value(TestNamespace namespace, String name) {
        ConfigMap map = namespace.client().configMaps().inNamespace(namespace.name()).withName(name).get();
        return map == null ? null : map.getData().get("value");
    }

    private Started start(KubernetesClient client, BareRepository repository, TestNamespace namespace, VerifyCommits mode,
            SigningKeys.SshKey trusted) throws Exception {
        Path allowed = Files.writeString(temp.resolve("allowed_signers"), trusted.allowedSignersLine());
        AgentSettings defaults = AgentFixture.settings(temp.resolve("work"), Optional.empty(), Optional.empty());
        AgentSettings settings = new AgentSettings(defaults.loop().withSignatures(
                new SignatureCheck(mode, new CommitVerifier(allowed, null, Clock.systemUTC()))), defaults.election(),
                defaults.httpAddress(), defaults.hookSecret());
        return AgentFixture.start(client, repository.fileUrl(), AgentFixture.applierSettings(namespace.name()), settings);
    }

    private static String web(TestNamespace namespace, String value) {
        return AgentFixture.configMap(namespace.name(), "web", value);
    }

    private static ReconcileSnapshot awaitRefusal(Started started, String tip) {
        await("refusal of " + tip, WAIT, () -> started.agent().loop().snapshot().sourceRevision().equals(tip)
                && started.agent().loop().snapshot().condition().kind() == Condition.Kind.REFUSED);
        return started.agent().loop().snapshot();
    }

    @Test
    void appliesASignedTipAndRefusesUnsignedForeignSignedAndTamperedOnesKeepingTheLastGoodRevision(TestNamespace namespace)
            throws Exception {
        SigningKeys.SshKey release = SigningKeys.ssh(temp, "release@example.com");
        SigningKeys.SshKey foreign = SigningKeys.ssh(temp, "mallory@example.com");
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "0"));
        String signed = repository.signedCommit("main", Map.of("apps/web.yaml", web(namespace, "1")), "Signed", release.gitOptions());
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = start(client, repository, namespace, VerifyCommits.HEAD, release)) {
            await("signed tip applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(signed));
            assertThat(value(namespace, "web")).isEqualTo("1");
            int writes = AgentFixture.agentWrites(namespace).size();

            String unsigned = repository.commit("main", Map.of("apps/web.yaml", web(namespace, "2")), "Unsigned");
            ReconcileSnapshot refused = awaitRefusal(started, unsigned);
            assertThat(refused.revision()).isEqualTo(signed);
            assertThat(refused.condition().message()).isEqualTo("revision " + unsigned + " refused (1 problem), still at " + signed
                    + ": commit " + unsigned.substring(0, 7) + ": no signature (author Fixture <fixture@example.invalid>)");

            String foreignSigned = repository.signedCommit("main", Map.of("apps/web.yaml", web(namespace, "3")), "Foreign",
                    foreign.gitOptions());
            assertThat(awaitRefusal(started, foreignSigned).condition().message())
                    .contains("commit " + foreignSigned.substring(0, 7) + ": signed by an untrusted key (SSH key SHA256:");

            repository.signedCommit("main", Map.of("apps/web.yaml", web(namespace, "4")), "Signed, then rewritten", release.gitOptions());
            String tampered = repository.tamperWithTip("main", "Rewritten after signing");
            assertThat(awaitRefusal(started, tampered).condition().message())
                    .contains("commit " + tampered.substring(0, 7) + ": bad signature (SSH key SHA256:");

            assertThat(value(namespace, "web")).isEqualTo("1");
            assertThat(AgentFixture.agentWrites(namespace)).as("writes while refusing").hasSize(writes);
            assertThat(AgentFixture.lines(started.log(), "refused")).hasSize(3);

            String fixed = repository.signedCommit("main", Map.of("apps/web.yaml", web(namespace, "5")), "Signed again",
                    release.gitOptions());
            await("signed tip applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(fixed));
            assertThat(value(namespace, "web")).isEqualTo("5");
        }
    }

    @Test
    void aPromotionTheEngineSignsIsAppliedByAnAgentThatRequiresSignatures(TestNamespace namespace) throws Exception {
        SigningKeys.SshKey jenkins = SigningKeys.ssh(temp, "jenkins@example.com");
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "0"));
        String seeded = repository.signedCommit("main", Map.of(), "Signed seed", jenkins.gitOptions());
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        PromotionTransaction engine = new PromotionTransaction(JGitConfigRepository.connector(GitCredentials.none(), HttpsTrust.SYSTEM,
                new CommitSigning(CommitSigning.Format.SSH, jenkins.privateKey())), new GitIdentity("Jenkins", "jenkins@example.com"),
                RetryPolicy.DEFAULT, scratch);
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = start(client, repository, namespace, VerifyCommits.HEAD, jenkins)) {
            await("signed seed applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(seeded));

            PromotionResult promoted = engine.run(Promotion.of(repository.fileUrl(), "main", RepositoryPath.parse("apps"),
                    List.of("registry.example.com/web:2"), "staging"), directory -> {
                        Path file = directory.resolve("web.yaml");
                        Files.writeString(file, web(namespace, "2"));
                        return List.of(file);
                    });

            await("promotion applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(promoted.commit()));
            assertThat(value(namespace, "web")).isEqualTo("2");
        }
    }

    @Test
    void inAllModeAnUnsignedCommitUnderASignedTipIsRefusedNamingIt(TestNamespace namespace) throws Exception {
        SigningKeys.SshKey release = SigningKeys.ssh(temp, "release@example.com");
        BareRepository repository = AgentFixture.repository(temp, namespace.name(), Map.of("web", "0"));
        String signed = repository.signedCommit("main", Map.of("apps/web.yaml", web(namespace, "1")), "Signed", release.gitOptions());
        try (KubernetesClient client = AgentClient.of(namespace.cluster().config());
                Started started = start(client, repository, namespace, VerifyCommits.ALL, release)) {
            await("signed tip applied", WAIT, () -> started.agent().loop().snapshot().revision().equals(signed));

            String unsigned = repository.commit("main", Map.of("apps/web.yaml", web(namespace, "2")), "Unsigned, under a signed tip");
            String tip = repository.signedCommit("main", Map.of("apps/other.yaml", AgentFixture.configMap(namespace.name(), "other", "1")),
                    "Signed on top", release.gitOptions());

            assertThat(awaitRefusal(started, tip).condition().message())
                    .endsWith(": commit " + unsigned.substring(0, 7) + ": no signature (author Fixture <fixture@example.invalid>)");
            assertThat(value(namespace, "web")).isEqualTo("1");
            assertThat(value(namespace, "other")).isNull();
        }
    }
}
