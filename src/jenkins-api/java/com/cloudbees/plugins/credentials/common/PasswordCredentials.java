/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/credentials-plugin, src/main/java/com/cloudbees/plugins/credentials/common/PasswordCredentials.java, tag 1511.v2e3cb_0008ef0.
 */
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;

public interface PasswordCredentials extends Credentials {
    Secret getPassword();
}
