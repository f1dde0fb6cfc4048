/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/CheckoutCommand.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import java.util.List;

public interface CheckoutCommand extends GitCommand {
    CheckoutCommand ref(String ref);

    CheckoutCommand branch(String branch);

    CheckoutCommand deleteBranchIfExist(boolean deleteBranch);

    CheckoutCommand sparseCheckoutPaths(List<String> sparseCheckoutPaths);
}
