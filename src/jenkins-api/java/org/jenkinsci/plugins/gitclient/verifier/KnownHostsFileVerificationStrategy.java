/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/KnownHostsFileVerificationStrategy.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

public class KnownHostsFileVerificationStrategy extends SshHostKeyVerificationStrategy<KnownHostsFileVerifier> {
    public KnownHostsFileVerificationStrategy() {
        throw new UnsupportedOperationException();
    }

    public KnownHostsFileVerifier getVerifier() {
        throw new UnsupportedOperationException();
    }
}
