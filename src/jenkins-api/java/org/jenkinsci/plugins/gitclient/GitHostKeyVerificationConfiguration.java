/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/GitHostKeyVerificationConfiguration.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;

public class GitHostKeyVerificationConfiguration extends GlobalConfiguration {
    public SshHostKeyVerificationStrategy<? extends HostKeyVerifierFactory> getSshHostKeyVerificationStrategy() {
        throw new UnsupportedOperationException();
    }

    public static GitHostKeyVerificationConfiguration get() {
        throw new UnsupportedOperationException();
    }
}
