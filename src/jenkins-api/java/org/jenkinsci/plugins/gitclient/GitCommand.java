/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/GitCommand.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import hudson.plugins.git.GitException;

public interface GitCommand {
    void execute() throws GitException, InterruptedException;
}
