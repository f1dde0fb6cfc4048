package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.environment.EnvironmentField;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitCli;
import io.jenkins.plugins.gitops.testing.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits JGit signs for a promotion are accepted by real git verify-commit, and by the agent's check. */
class SignedCommitsTest {

    @TempDir
    Path temp;

    private String commitThrough(BareRepository repository, CommitSigning signing) throws IOException {
        try (ConfigRepository remote = new JGitConfigRepository(repository.fileUrl(), GitCredentials.none(), HttpsTrust.SYSTEM,
                        Duration.ofSeconds(10), signing);
                WorkingTree tree = remote.checkout("main", Files.createTempDirectory(temp, "checkout"))) {
            Files.writeString(tree.directory().resolve("app.yaml"), "kind: ConfigMap\nmetadata:\n  name: web\n");
            String commit = tree.commit(List.of("app.yaml"), "Promote web", new GitIdentity("Jenkins", "jenkins@example.com"),
                    new GitIdentity("Jenkins", "jenkins@example.com")).orElseThrow();
            assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
            return commit;
        }
    }

    private BareRepository repository() {
        return BareRepository.create(temp, "config.git", "main", Map.of("app.yaml", "kind: ConfigMap\n"));
    }

    @Test
    void anSshSignedCommitIsAcceptedByGitVerifyCommitAndByTheAgentsCheck() throws IOException {
        SigningKeys.SshKey jenkins = SigningKeys.ssh(temp, "jenkins@example.com");
        Path allowed = Files.writeString(temp.resolve("allowed_signers"), jenkins.allowedSignersLine());
        BareRepository repository = repository();

        String commit = commitThrough(repository, new CommitSigning(CommitSigning.Format.SSH, jenkins.privateKey()));

        assertThat(GitCli.git(repository.path(), "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", "--raw", commit))
                .contains("Good \"git\" signature for jenkins@example.com");
        assertThat(new CommitVerifier(allowed, null, Clock.systemUTC()).firstUnverified(repository.path(), List.of(commit))).isEmpty();
    }

    @Test
    void anOpenPgpSignedCommitIsAcceptedByGitVerifyCommitWithGpgAndByTheAgentsCheck() throws IOException {
        SigningKeys.OpenPgpKey jenkins = SigningKeys.openPgp(temp, "Jenkins <jenkins@example.com>");
        try {
            Path secret = SigningKeys.exportSecretKey(jenkins, temp.resolve("jenkins.key.asc"));
            Path trusted = Files.writeString(temp.resolve("trusted.asc"), jenkins.armoredPublicKey());
            BareRepository repository = repository();

            String commit = commitThrough(repository, new CommitSigning(CommitSigning.Format.OPENPGP, secret));

            assertThat(GitCli.git(repository.path(), "-c", "gpg.program=" + jenkins.program(), "verify-commit", "--raw", commit))
                    .contains("[GNUPG:] GOODSIG");
            assertThat(new CommitVerifier(null, trusted, Clock.systemUTC()).firstUnverified(repository.path(), List.of(commit))).isEmpty();
        } finally {
            SigningKeys.stopAgent(jenkins);
        }
    }

    @Test
    void aSigningKeyThatCannotSignFailsTheCommitInsteadOfMakingItUnsigned() throws IOException {
        Path notAKey = Files.writeString(temp.resolve("not-a-key"), "nothing\n");
        BareRepository repository = repository();
        String before = repository.head("main").orElseThrow();

        assertThatThrownBy(() -> commitThrough(repository, new CommitSigning(CommitSigning.Format.OPENPGP, notAKey)))
                .isInstanceOf(GitException.class).hasMessageContaining("cannot commit in")
                .hasMessageContaining("signing with the openpgp key " + notAKey + " failed, so nothing was committed: ");
        assertThatThrownBy(() -> commitThrough(repository, new CommitSigning(CommitSigning.Format.SSH, notAKey)))
                .isInstanceOf(GitException.class).hasMessageContaining("cannot commit in");
        assertThat(repository.head("main")).hasValue(before);
    }

    @Test
    void aRevertCommitIsSignedWithAKeyHeldInMemoryWhoseFileOnlyItsOwnerCanRead() throws IOException {
        SigningKeys.SshKey jenkins = SigningKeys.ssh(temp, "jenkins@example.com");
        Path allowed = Files.writeString(temp.resolve("allowed_signers"), jenkins.allowedSignersLine());
        BareRepository repository = repository();
        String promoted = commitThrough(repository, null);
        Path scratch = temp.resolve("scratch");

        CommitSigning signing = CommitSigning.keyText(CommitSigning.Format.SSH, Files.readString(jenkins.privateKey()), scratch);
        String revert;
        try (JGitConfigRepository remote = new JGitConfigRepository(repository.fileUrl(), GitCredentials.none(), HttpsTrust.SYSTEM,
                        Duration.ofSeconds(10), signing);
                WorkingTree tree = remote.revert("main", promoted, new GitIdentity("Jenkins", "jenkins@example.com"),
                        Files.createTempDirectory(temp, "revert"), RevertMessage.AS_GIT_DOES)) {
            assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
            revert = repository.head("main").orElseThrow();
        }

        assertThat(signing.key().getParent()).isEqualTo(scratch.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(signing.key()))).isEqualTo("rw-------");
        assertThat(GitCli.git(repository.path(), "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", "--raw", revert))
                .contains("Good \"git\" signature for jenkins@example.com");
        assertThat(GitCli.git(repository.path(), "log", "-1", "--format=%s", revert)).contains("Revert \"Promote web\"");
    }

    @Test
    void anEmptyKeyHeldInMemoryIsRefusedWithoutWritingAFile() {
        Path scratch = temp.resolve("scratch");

        assertThatThrownBy(() -> CommitSigning.keyText(CommitSigning.Format.OPENPGP, " \n", scratch))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the openpgp signing key is empty");
        assertThat(scratch).doesNotExist();
    }

    @Test
    void theFormatsAnEnvironmentAcceptsAreTheOnesCommitsCanBeSignedIn() {
        assertThat(Arrays.stream(CommitSigning.Format.values()).map(CommitSigning.Format::label))
                .containsExactlyElementsOf(EnvironmentField.SIGNING_FORMATS);
    }
}
