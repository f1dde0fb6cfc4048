/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/ssh-credentials-plugin, src/main/java/com/cloudbees/jenkins/plugins/sshcredentials/SSHUser.java, tag 372.va_250881b_08cd.
 */
package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

public interface SSHUser extends StandardUsernameCredentials {}
