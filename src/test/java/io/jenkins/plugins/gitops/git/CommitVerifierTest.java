package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitCli;
import io.jenkins.plugins.gitops.testing.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits signed by real git with ssh-keygen and gpg keys, judged as git verify-commit judges them. */
class CommitVerifierTest {

    @TempDir
    static Path keys;

    static SigningKeys.SshKey alice;
    static SigningKeys.SshKey mallory;
    static SigningKeys.OpenPgpKey bob;
    static SigningKeys.OpenPgpKey eve;
    static SigningKeys.OpenPgpKey expired;
    static Path allowedSigners;
    static Path trustedKeys;

    @TempDir
    Path work;

    @BeforeAll
    static void makeKeys() throws IOException {
        alice = SigningKeys.ssh(keys, "alice@example.com");
        mallory = SigningKeys.ssh(keys, "mallory@example.com");
        bob = SigningKeys.openPgp(keys, "Bob <bob@example.com>");
        eve = SigningKeys.openPgp(keys, "Eve <eve@example.com>");
        expired = SigningKeys.expiredOpenPgp(keys, "Old <old@example.com>");
        allowedSigners = Files.writeString(keys.resolve("allowed_signers"), alice.allowedSignersLine());
        trustedKeys = Files.writeString(keys.resolve("trusted.asc"), bob.armoredPublicKey() + expired.armoredPublicKey());
    }

    @AfterAll
    static void stopAgents() {
        List.of(bob, eve, expired).forEach(SigningKeys::stopAgent);
    }

    private final CommitVerifier verifier = new CommitVerifier(allowedSigners, trustedKeys, Clock.systemUTC());

    private BareRepository repository() {
        return BareRepository.create(work, "config.git", "main", Map.of("app.yaml", "kind: ConfigMap\n"));
    }

    private Optional<UnverifiedCommit> verify(BareRepository repository, String... commits) {
        return verifier.firstUnverified(repository.path(), List.of(commits));
    }

    private static boolean gitAccepts(BareRepository repository, String commit) {
        try {
            GitCli.git(repository.path(), "-c", "gpg.ssh.allowedSignersFile=" + allowedSigners, "-c", "gpg.program=" + bob.program(),
                    "verify-commit", commit);
            return true;
        } catch (AssertionError refused) {
            return false;
        }
    }

    @Test
    void acceptsACommitSshSignedByAnAllowedSignerAsGitVerifyCommitDoes() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "signed", alice.gitOptions());

        assertThat(gitAccepts(repository, commit)).isTrue();
        assertThat(verify(repository, commit)).isEmpty();
    }

    @Test
    void acceptsACommitSignedWithATrustedOpenPgpKey() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "signed", bob.gitOptions());

        assertThat(verify(repository, commit)).isEmpty();
    }

    @Test
    void anUnsignedCommitIsNamedWithItsAuthorAndNoSignature() {
        BareRepository repository = repository();
        String commit = repository.commit("main", Map.of("a", "1"), "unsigned");

        assertThat(verify(repository, commit)).hasValueSatisfying(unverified -> {
            assertThat(unverified.commit()).isEqualTo(commit);
            assertThat(unverified).hasToString("commit " + commit.substring(0, 7) + " (Fixture <fixture@example.invalid>): no signature");
        });
    }

    @Test
    void aCommitSignedByAnSshKeyThatIsNotAnAllowedSignerIsUntrusted() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "foreign", mallory.gitOptions());

        assertThat(verify(repository, commit)).map(UnverifiedCommit::reason).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("signed by an untrusted key (SSH key SHA256:"));
    }

    @Test
    void aCommitSignedByAnOpenPgpKeyNotInTheTrustedKeysIsUntrusted() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "foreign", eve.gitOptions());

        assertThat(verify(repository, commit)).map(UnverifiedCommit::reason).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("signed by an untrusted key (OpenPGP key " + eve.fingerprint().substring(24) + ")"));
    }

    @Test
    void aTamperedSshSignedCommitHasABadSignature() {
        BareRepository repository = repository();
        repository.signedCommit("main", Map.of("a", "1"), "signed", alice.gitOptions());
        String forged = repository.tamperWithTip("main", "something else");

        assertThat(gitAccepts(repository, forged)).isFalse();
        assertThat(verify(repository, forged)).map(UnverifiedCommit::reason).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("bad signature"));
    }

    @Test
    void aTamperedOpenPgpSignedCommitHasABadSignature() {
        BareRepository repository = repository();
        repository.signedCommit("main", Map.of("a", "1"), "signed", bob.gitOptions());
        String forged = repository.tamperWithTip("main", "something else");

        assertThat(verify(repository, forged)).map(UnverifiedCommit::reason).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("bad signature (OpenPGP key"));
    }

    @Test
    void aCommitSignedWithAnOpenPgpKeyThatHasExpiredSinceIsRefused() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "old", expired.gitOptions());

        assertThat(verify(repository, commit)).map(UnverifiedCommit::reason).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("signed by an expired key (OpenPGP key").contains("expired 2020-01-02"));
    }

    @Test
    void theFirstUnverifiedCommitInTheGivenOrderIsNamed() {
        BareRepository repository = repository();
        String unsigned = repository.commit("main", Map.of("a", "1"), "unsigned");
        String signed = repository.signedCommit("main", Map.of("b", "2"), "signed", alice.gitOptions());

        assertThat(verify(repository, signed)).isEmpty();
        assertThat(verify(repository, signed, unsigned)).map(UnverifiedCommit::commit).hasValue(unsigned);
    }

    @Test
    void anSshSignatureIsUntrustedWhenOnlyOpenPgpKeysAreTrusted() {
        BareRepository repository = repository();
        String commit = repository.signedCommit("main", Map.of("a", "1"), "signed", alice.gitOptions());

        assertThat(new CommitVerifier(null, trustedKeys, Clock.systemUTC()).firstUnverified(repository.path(), List.of(commit)))
                .map(UnverifiedCommit::reason)
                .hasValue("signed by an untrusted key (an SSH signature, and no --allowed-signers file is given)");
    }

    @Test
    void aKeyFileThatHoldsNoKeysIsRefusedNamingTheFile() throws IOException {
        Path notKeys = Files.writeString(work.resolve("keys.asc"), "not a key\n");

        assertThatThrownBy(() -> new CommitVerifier(null, notKeys, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(notKeys + ": ");
        assertThatThrownBy(() -> new CommitVerifier(null, null, Clock.systemUTC()))
                .hasMessage("verifying commits needs --allowed-signers or --trusted-keys");
    }
}
