/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/ManuallyProvidedKeyVerificationStrategy.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

public class ManuallyProvidedKeyVerificationStrategy extends SshHostKeyVerificationStrategy<ManuallyProvidedKeyVerifier> {
    public ManuallyProvidedKeyVerificationStrategy(String approvedHostKeys) {
        throw new UnsupportedOperationException();
    }

    public ManuallyProvidedKeyVerifier getVerifier() {
        throw new UnsupportedOperationException();
    }

    public String getApprovedHostKeys() {
        throw new UnsupportedOperationException();
    }
}
