/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/FetchCommand.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import java.util.List;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

public interface FetchCommand extends GitCommand {
    FetchCommand from(URIish remote, List<RefSpec> refspecs);

    FetchCommand shallow(boolean shallow);

    FetchCommand tags(boolean tags);

    FetchCommand depth(Integer depth);
}
