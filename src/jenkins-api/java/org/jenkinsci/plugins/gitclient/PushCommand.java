/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/PushCommand.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import org.eclipse.jgit.transport.URIish;

public interface PushCommand extends GitCommand {
    PushCommand to(URIish remote);

    PushCommand ref(String refspec);
}
