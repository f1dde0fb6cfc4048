/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/verifier/KnownHostsFileVerifier.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient.verifier;

public class KnownHostsFileVerifier extends HostKeyVerifierFactory {}
