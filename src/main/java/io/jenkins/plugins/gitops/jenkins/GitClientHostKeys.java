package io.jenkins.plugins.gitops.jenkins;

import io.jenkins.plugins.gitops.git.HostKeyStrategy;
import org.jenkinsci.plugins.gitclient.GitHostKeyVerificationConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.AcceptFirstConnectionStrategy;
import org.jenkinsci.plugins.gitclient.verifier.KnownHostsFileVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.ManuallyProvidedKeyVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.NoHostKeyVerificationStrategy;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;

/** The git client plugin's configured SSH host key strategy, for the reverts the controller runs with JGit. */
final class GitClientHostKeys {

    private GitClientHostKeys() {}

    /**
     * @throws IllegalArgumentException for a strategy of another plugin, whose checks JGit here cannot repeat: the
     *     revert is refused rather than run unchecked
     */
    static HostKeyStrategy configured() {
        SshHostKeyVerificationStrategy<?> strategy = GitHostKeyVerificationConfiguration.get().getSshHostKeyVerificationStrategy();
        if (strategy instanceof KnownHostsFileVerificationStrategy) {
            return new HostKeyStrategy.KnownHostsFile(SshHostKeyVerificationStrategy.JGIT_KNOWN_HOSTS_FILE.toPath());
        }
        if (strategy instanceof AcceptFirstConnectionStrategy) {
            return new HostKeyStrategy.AcceptFirstConnection(SshHostKeyVerificationStrategy.JGIT_KNOWN_HOSTS_FILE.toPath());
        }
        if (strategy instanceof ManuallyProvidedKeyVerificationStrategy manual) {
            return new HostKeyStrategy.ManuallyProvided(manual.getApprovedHostKeys());
        }
        if (strategy instanceof NoHostKeyVerificationStrategy) {
            return new HostKeyStrategy.NoVerification();
        }
        throw new IllegalArgumentException("the git client's SSH host key verification strategy "
                + strategy.getClass().getName() + " is not one a revert on the controller can apply");
    }
}
