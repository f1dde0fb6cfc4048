package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.git.CommitSigning;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.HostKeyStrategy;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import io.jenkins.plugins.gitops.promote.Revert;
import io.jenkins.plugins.gitops.promote.RevertResult;
import io.jenkins.plugins.gitops.promote.RevertTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Runs a revert on the controller with JGit, for the job page's button and the {@code gitopsRevert} step. A revert
 * edits no file of a build, so it needs no workspace; the controller fetches and pushes one config repository.
 * Credentials are handed to JGit in memory, except an SSH key, which JGit reads from a file: it is written
 * readable by its owner only into a temporary directory that is deleted afterwards, as is the key commits are
 * signed with.
 */
final class ControllerRevert {

    /** Secret text is sent as this user's password: hosting services read the token and ignore the name. */
    static final String TOKEN_USER = "x-access-token";

    private ControllerRevert() {}

    /**
     * @param credentials {@code null} when the repository needs none
     * @param hostKeys how SSH server keys are checked: as the git client plugin is configured to
     * @param signing {@code null} when the environment does not sign its commits
     */
    static RevertResult run(Revert revert, StandardCredentials credentials, HostKeyStrategy hostKeys, SigningCredentials signing)
            throws IOException {
        Path scratch = Files.createTempDirectory("gitops-revert");
        try {
            GitCredentials git = gitCredentials(credentials, hostKeys, scratch);
            CommitSigning signs = signing == null ? null : signing.write(scratch.resolve("signing"));
            return new RevertTransaction(
                    url -> new JGitConfigRepository(url, git, HttpsTrust.SYSTEM, JGitConfigRepository.DEFAULT_TIMEOUT, signs),
                    PromotionCallable.COMMITTER, RetryPolicy.DEFAULT, scratch.resolve("work")).run(revert);
        } finally {
            deleteRecursively(scratch);
        }
    }

    /** Username/password and secret text for HTTPS; an SSH private key for SSH, with server keys checked as told. */
    private static GitCredentials gitCredentials(StandardCredentials credentials, HostKeyStrategy hostKeys, Path scratch)
            throws IOException {
        if (credentials == null) {
            return GitCredentials.none();
        }
        if (credentials instanceof StandardUsernamePasswordCredentials password) {
            return GitCredentials.usernameToken(password.getUsername(), password.getPassword().getPlainText());
        }
        if (credentials instanceof StringCredentials token) {
            return GitCredentials.usernameToken(TOKEN_USER, token.getSecret().getPlainText());
        }
        if (credentials instanceof SSHUserPrivateKey ssh) {
            List<String> keys = ssh.getPrivateKeys();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the SSH credentials '" + credentials.getId() + "' hold no private key");
            }
            Secret passphrase = ssh.getPassphrase();
            return GitCredentials.sshKeyText(keys.get(0), passphrase == null ? null : passphrase.getPlainText(),
                    hostKeys.checking(scratch.resolve("host-keys")), scratch.resolve("ssh"));
        }
        throw new IllegalArgumentException("the credentials '" + credentials.getId()
                + "' are not a username with password, secret text or an SSH private key");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
