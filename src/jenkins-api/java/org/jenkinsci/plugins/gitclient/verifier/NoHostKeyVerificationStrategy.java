/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/NoHostKeyVerificationStrategy.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

public class NoHostKeyVerificationStrategy extends SshHostKeyVerificationStrategy<NoHostKeyVerifier> {
    public NoHostKeyVerificationStrategy() {
        throw new UnsupportedOperationException();
    }

    public NoHostKeyVerifier getVerifier() {
        throw new UnsupportedOperationException();
    }
}
