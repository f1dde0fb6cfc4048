/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/Git.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import hudson.EnvVars;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

public class Git implements Serializable {
    public Git(TaskListener listener, EnvVars env) {
        throw new UnsupportedOperationException();
    }

    public static Git with(TaskListener listener, EnvVars env) {
        throw new UnsupportedOperationException();
    }

    public Git in(File repository) {
        throw new UnsupportedOperationException();
    }

    public Git using(String exe) {
        throw new UnsupportedOperationException();
    }

    public Git withHostKeyVerifierFactory(HostKeyVerifierFactory hostKeyFactory) {
        throw new UnsupportedOperationException();
    }

    public GitClient getClient() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
