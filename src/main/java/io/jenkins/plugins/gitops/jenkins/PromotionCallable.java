package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.EnvVars;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.promote.PromotionPlan;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.PromotionTransaction;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * Runs the whole promotion transaction on the machine that holds the workspace. The transaction's edit
 * reads and writes the checked-out files through {@code java.nio}, so it has to run where the working
 * tree is; running git there as well keeps every fetch, edit and push of one attempt on one machine, and
 * the controller only waits for the result. Credentials travel with the callable as the git client's
 * own remote calls would carry them.
 */
final class PromotionCallable extends MasterToSlaveFileCallable<PromotionResult> {

    private static final long serialVersionUID = 1L;

    /** The author and committer of the promotions and reverts Jenkins makes; the trailers name who asked. */
    static final GitIdentity COMMITTER = new GitIdentity("Jenkins", "jenkins@localhost");

    private final PromotionPlan plan;
    private final StandardCredentials credentials;
    private final TaskListener listener;
    private final EnvVars environment;
    private final HostKeyVerifierFactory hostKeys;

    /** @param credentials {@code null} when the repository needs none */
    PromotionCallable(PromotionPlan plan, StandardCredentials credentials, TaskListener listener, EnvVars environment,
            HostKeyVerifierFactory hostKeys) {
        this.plan = plan;
        this.credentials = credentials;
        this.listener = listener;
        this.environment = environment;
        this.hostKeys = hostKeys;
    }

    /** Working trees go beside the workspace, in its {@code @tmp} directory, as other steps' temporary files do. */
    @Override
    public PromotionResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path scratch = workspace.toPath().resolveSibling(workspace.getName() + "@tmp").resolve("gitops-promote");
        PromotionTransaction transaction = new PromotionTransaction(
                url -> new GitClientConfigRepository(url, credentials, listener, environment, hostKeys, scratch.resolve("remote")),
                COMMITTER, RetryPolicy.DEFAULT, scratch);
        return plan.imagePromotion().run(transaction);
    }
}
