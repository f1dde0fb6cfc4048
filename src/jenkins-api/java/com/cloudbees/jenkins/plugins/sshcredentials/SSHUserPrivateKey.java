/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/ssh-credentials-plugin, src/main/java/com/cloudbees/jenkins/plugins/sshcredentials/SSHUserPrivateKey.java, tag 372.va_250881b_08cd.
 */
package com.cloudbees.jenkins.plugins.sshcredentials;

import hudson.util.Secret;
import java.util.List;

public interface SSHUserPrivateKey extends SSHUser {
    Secret getPassphrase();

    List<String> getPrivateKeys();
}
