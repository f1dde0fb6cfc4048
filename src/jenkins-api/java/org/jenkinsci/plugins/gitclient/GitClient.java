/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/org/jenkinsci/plugins/gitclient/GitClient.java, tag git-client-6.6.1.
 */
package org.jenkinsci.plugins.gitclient;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.plugins.git.GitException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

public interface GitClient {
    void addDefaultCredentials(StandardCredentials credentials);

    void setAuthor(PersonIdent p) throws GitException;

    void setCommitter(PersonIdent p) throws GitException;

    void add(String filePattern) throws GitException, InterruptedException;

    void commit(String message) throws GitException, InterruptedException;

    CheckoutCommand checkout();

    FetchCommand fetch_();

    PushCommand push();

    RevListCommand revList_();

    InitCommand init_();

    ObjectId getHeadRev(String remoteRepoUrl, String branch) throws GitException, InterruptedException;

    ObjectId revParse(String revName) throws GitException, InterruptedException;
}
