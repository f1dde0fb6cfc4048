package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.PushResult;
import io.jenkins.plugins.gitops.git.RepositoryConnector;
import io.jenkins.plugins.gitops.git.WorkingTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Promotes images into a config repository (DESIGN.md section 5.1): fetch the branch tip shallowly,
 * apply the edit, commit with the promotion trailers, push. When another push moved the branch first,
 * it fetches the new tip and applies the edit again, waiting a jittered, growing delay in between, up
 * to the policy's number of attempts. Every change that lands is its own commit; none overwrites
 * another. Nothing is pushed when the edit changes nothing.
 */
public final class PromotionTransaction {

    private final RepositoryConnector connector;
    private final GitIdentity committer;
    private final RetryPolicy retry;
    private final Path scratch;
    private final RandomGenerator random;

    /**
     * @param connector opens the promotion's repository with the caller's credentials
     * @param committer the author and committer of promotion commits
     * @param scratch where working trees are made (each is deleted after its attempt)
     */
    public PromotionTransaction(RepositoryConnector connector, GitIdentity committer, RetryPolicy retry, Path scratch) {
        this.connector = connector;
        this.committer = committer;
        this.retry = retry;
        this.scratch = scratch;
        this.random = RandomGenerator.getDefault();
    }

    /**
     * Runs the promotion.
     *
     * @throws PromotionException when the path is missing or leaves the repository, the edit names a
     *     file outside the path, the branch kept moving for every attempt, or the pull-request branch
     *     already exists with other commits
     * @throws io.jenkins.plugins.gitops.git.GitException when git fails (authentication, network, a
     *     missing branch)
     * @throws IOException when the edit cannot read or write a file
     */
    public PromotionResult run(Promotion promotion, ConfigEdit edit) throws IOException {
        String pushBranch = promotion.pushBranch();
        String message = CommitMessage.of(promotion);
        try (ConfigRepository repository = connector.connect(promotion.repository())) {
            return Attempts.run(retry, random, scratch,
                            (attempt, directory) -> attempt(repository, promotion, edit, message, pushBranch, attempt, directory))
                    .orElseThrow(() -> new PromotionException("could not promote to branch '" + pushBranch + "' of "
                            + repository.url() + ": other pushes moved the branch first in all " + retry.maxAttempts() + " attempts"));
        }
    }

    /** One fetch-edit-commit-push; empty when the push lost a race and the caller should try again. */
    private Optional<PromotionResult> attempt(ConfigRepository repository, Promotion promotion, ConfigEdit edit,
            String message, String pushBranch, int attempt, Path directory) throws IOException {
        try (WorkingTree tree = repository.checkout(promotion.branch(), directory, promotion.path())) {
            Path root = tree.directory().toRealPath();
            Path target = targetDirectory(repository, promotion, root);
            List<String> files = repositoryFiles(promotion, root, target, edit.apply(target));
            Optional<String> commit = tree.commit(files, message, committer, committer);
            if (commit.isEmpty()) {
                return Optional.of(new PromotionResult(tree.head(), false, List.of(), attempt, promotion.branch()));
            }
            PushResult pushed = tree.push(pushBranch);
            if (pushed == PushResult.PUSHED) {
                return Optional.of(new PromotionResult(commit.get(), true, files, attempt, pushBranch));
            }
            if (promotion.pullRequest().isPresent()) {
                throw new PromotionException("pull-request branch '" + pushBranch + "' of " + repository.url()
                        + " already exists with other commits; choose another branch name");
            }
            return Optional.empty();
        }
    }

    private static Path targetDirectory(ConfigRepository repository, Promotion promotion, Path root) throws IOException {
        Path target = promotion.path().resolveIn(root);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PromotionException("path '" + promotion.path() + "' does not exist on branch '" + promotion.branch()
                    + "' of " + repository.url());
        }
        if (!Files.isDirectory(target) && !Files.isRegularFile(target)) {
            throw new PromotionException("path '" + promotion.path() + "' on branch '" + promotion.branch() + "' of "
                    + repository.url() + " is neither a directory nor a file");
        }
        Path real = target.toRealPath();
        if (!real.startsWith(root) || real.startsWith(root.resolve(".git"))) {
            throw new PromotionException("path '" + promotion.path() + "' on branch '" + promotion.branch() + "' of "
                    + repository.url() + " leaves the repository through a symbolic link");
        }
        return real;
    }

    /** The edit's files as repository paths, refusing any outside the promotion's directory or other than its file. */
    private static List<String> repositoryFiles(Promotion promotion, Path root, Path target, Collection<Path> changed) {
        boolean single = Files.isRegularFile(target);
        Path base = single ? target.getParent() : target;
        TreeSet<String> files = new TreeSet<>();
        for (Path file : changed) {
            Path absolute = base.resolve(file).normalize();
            if (single ? !absolute.equals(target) : !absolute.startsWith(target) || absolute.equals(target)) {
                throw new PromotionException("the edit changed '" + file + "', which is outside path '" + promotion.path() + "'");
            }
            if (Files.isSymbolicLink(absolute) || !realParentWithin(absolute, base)) {
                throw new PromotionException("the edit changed '" + root.relativize(absolute)
                        + "', which is a symbolic link or lies behind one");
            }
            files.add(root.relativize(absolute).toString().replace('\\', '/'));
        }
        return List.copyOf(files);
    }

    private static boolean realParentWithin(Path file, Path directory) {
        Path parent = file.getParent();
        try {
            return !Files.exists(parent) || parent.toRealPath().startsWith(directory);
        } catch (IOException e) {
            return false;
        }
    }
}
