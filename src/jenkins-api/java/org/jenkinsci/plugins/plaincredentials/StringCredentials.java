/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/plain-credentials-plugin, src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java, tag 199.v9f8e1f741799.
 */
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
