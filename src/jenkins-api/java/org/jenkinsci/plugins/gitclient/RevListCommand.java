/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/RevListCommand.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

public interface RevListCommand extends GitCommand {
    RevListCommand to(List<ObjectId> revs);

    RevListCommand reference(String reference);
}
