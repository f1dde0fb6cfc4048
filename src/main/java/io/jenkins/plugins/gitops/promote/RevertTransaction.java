package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.PushResult;
import io.jenkins.plugins.gitops.git.RevertMessage;
import io.jenkins.plugins.gitops.git.RevertingRepository;
import io.jenkins.plugins.gitops.git.WorkingTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Reverts a promotion as a new commit on the environment's branch: the rollback of DESIGN.md's picture.
 * Like a promotion it works on a fresh checkout of the tip and pushes without force; when another push moved
 * the branch first it reverts again on the new tip, with the same retry policy. Only a commit on the branch
 * whose message is a promotion to the revert's environment is reverted; a revert that conflicts with later
 * commits is refused and nothing is pushed.
 */
public final class RevertTransaction {

    private final Function<String, ? extends RevertingRepository> connector;
    private final GitIdentity committer;
    private final RetryPolicy retry;
    private final Path scratch;
    private final RandomGenerator random;

    /**
     * @param connector opens the repository at a URL with the caller's credentials
     * @param committer the author and committer of revert commits
     * @param scratch where working trees are made (each is deleted after its attempt)
     */
    public RevertTransaction(Function<String, ? extends RevertingRepository> connector, GitIdentity committer, RetryPolicy retry,
            Path scratch) {
        this.connector = connector;
        this.committer = committer;
        this.retry = retry;
        this.scratch = scratch;
        this.random = RandomGenerator.getDefault();
    }

    /**
     * @throws PromotionException when the commit is not a promotion to the environment, or the branch kept moving
     *     for every attempt
     * @throws io.jenkins.plugins.gitops.git.GitException when the commit is not on the branch, the revert conflicts
     *     with later commits (naming the files), its changes are already undone, or git fails
     */
    public RevertResult run(Revert revert) throws IOException {
        try (RevertingRepository repository = connector.apply(revert.repository())) {
            return Attempts.run(retry, random, scratch, (attempt, directory) -> attempt(repository, revert, attempt, directory))
                    .orElseThrow(() -> new PromotionException("could not revert commit " + revert.commit() + " on branch '"
                            + revert.branch() + "' of " + repository.url() + ": other pushes moved the branch first in all "
                            + retry.maxAttempts() + " attempts"));
        }
    }

    private Optional<RevertResult> attempt(RevertingRepository repository, Revert revert, int attempt, Path directory) {
        AtomicReference<String> reverted = new AtomicReference<>();
        RevertMessage message = (commit, text) -> {
            if (!CommitMessage.isPromotionTo(text, revert.environment())) {
                throw new PromotionException("commit " + commit + " on branch '" + revert.branch() + "' of " + repository.url()
                        + " is not a promotion to " + revert.environment() + " (its subject is '"
                        + Revert.shown(text.lines().findFirst().orElse("")) + "'); only promotion commits are reverted");
            }
            reverted.set(commit);
            return CommitMessage.revert(commit, text, revert.requester());
        };
        try (WorkingTree tree = repository.revert(revert.branch(), revert.commit(), committer, directory, message)) {
            if (tree.push(revert.branch()) == PushResult.PUSHED) {
                return Optional.of(new RevertResult(tree.head(), reverted.get(), attempt, revert.branch()));
            }
            return Optional.empty();
        }
    }
}
