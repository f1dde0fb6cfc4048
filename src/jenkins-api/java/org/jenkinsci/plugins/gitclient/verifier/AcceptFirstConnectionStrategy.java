/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/AcceptFirstConnectionStrategy.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

public class AcceptFirstConnectionStrategy extends SshHostKeyVerificationStrategy<AcceptFirstConnectionVerifier> {
    public AcceptFirstConnectionStrategy() {
        throw new UnsupportedOperationException();
    }

    public AcceptFirstConnectionVerifier getVerifier() {
        throw new UnsupportedOperationException();
    }
}
