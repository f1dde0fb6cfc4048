package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.util.List;

/** The credentials a step uses (git or registry), looked up as its build may see them and tracked on the build. */
final class BuildCredentials {

    private BuildCredentials() {}

    /**
     * @param id {@code null} when the repository needs none
     * @return {@code null} when {@code id} is
     * @throws AbortException in one line naming the step and the id, when the build may not use such credentials
     */
    static StandardCredentials find(String step, String id, Run<?, ?> run) throws AbortException {
        if (id == null) {
            return null;
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        if (credentials == null) {
            throw new AbortException(step + ": no credentials with id '" + id + "' are available to this build");
        }
        return CredentialsProvider.track(run, credentials);
    }
}
