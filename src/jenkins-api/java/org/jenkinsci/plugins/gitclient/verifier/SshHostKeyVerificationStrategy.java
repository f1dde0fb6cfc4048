/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/SshHostKeyVerificationStrategy.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

import java.io.File;

public abstract class SshHostKeyVerificationStrategy<T extends HostKeyVerifierFactory> {
    public static final File JGIT_KNOWN_HOSTS_FILE = null;

    public abstract T getVerifier();
}
