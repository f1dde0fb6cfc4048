package io.jenkins.plugins.gitops.jenkins;

import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.PushResult;
import io.jenkins.plugins.gitops.git.WorkingTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.jenkinsci.plugins.gitclient.GitClient;

/** A checkout made by {@link GitClientConfigRepository#checkout}. */
final class GitClientWorkingTree implements WorkingTree {

    private final GitClientConfigRepository remote;
    private final GitClient git;
    private final String branch;
    private final Path directory;

    GitClientWorkingTree(GitClientConfigRepository remote, GitClient git, String branch, Path directory) {
        this.remote = remote;
        this.git = git;
        this.branch = branch;
        this.directory = directory;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public String branch() {
        return branch;
    }

    @Override
    public String head() {
        try {
            return git.revParse("HEAD").name();
        } catch (hudson.plugins.git.GitException e) {
            throw remote.translate("read HEAD of the checkout of", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted reading HEAD in " + directory);
        }
    }

    @Override
    public List<String> commitsSince(String previous, int limit) {
        if (previous.isEmpty()) {
            return List.of(head());
        }
        try {
            List<String> commits = newestFirst();
            if (!commits.contains(previous) && commits.size() < limit) {
                // The shallow checkout ends before previous: fetch history as deep as the limit, once.
                remote.fetch(git, branch, limit);
                commits = newestFirst();
            }
            int previousAt = commits.indexOf(previous);
            List<String> since = previousAt >= 0 ? commits.subList(0, previousAt) : commits;
            return List.copyOf(since.subList(0, Math.min(limit, since.size())));
        } catch (hudson.plugins.git.GitException e) {
            throw remote.translate("read the history of", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted reading the history in " + directory);
        }
    }

    private List<String> newestFirst() throws InterruptedException {
        List<ObjectId> commits = new ArrayList<>();
        git.revList_().reference("HEAD").to(commits).execute();
        return commits.stream().map(ObjectId::name).toList();
    }

    /**
     * The git client has no status command, and {@code git commit} with nothing staged fails: so the files
     * are compared with HEAD by their blob ids first, and nothing is committed when all match.
     */
    @Override
    public Optional<String> commit(Collection<String> files, String message, GitIdentity author, GitIdentity committer) {
        try {
            List<String> changed = new ArrayList<>();
            for (String file : files) {
                if (differsFromHead(file)) {
                    changed.add(file);
                }
            }
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            for (String file : changed) {
                git.add(file);
            }
            git.setAuthor(new PersonIdent(author.name(), author.email()));
            git.setCommitter(new PersonIdent(committer.name(), committer.email()));
            git.commit(message);
            return Optional.of(head());
        } catch (hudson.plugins.git.GitException e) {
            throw remote.translate("commit to a checkout of", e);
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot commit in " + directory + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted committing in " + directory);
        }
    }

    private boolean differsFromHead(String file) throws IOException, InterruptedException {
        Path path = directory.resolve(file);
        ObjectId atHead;
        try {
            atHead = git.revParse("HEAD:" + file);
        } catch (hudson.plugins.git.GitException absentAtHead) {
            return Files.exists(path);
        }
        if (!Files.exists(path)) {
            return true;
        }
        ObjectId now = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, Files.readAllBytes(path));
        return !now.equals(atHead);
    }

    /** Git reports a lost race as a rejected non-fast-forward push, or as a ref it could not lock or update. */
    @Override
    public PushResult push(String target) {
        try {
            git.push().to(remote.uri()).ref("HEAD:refs/heads/" + target).execute();
            return PushResult.PUSHED;
        } catch (hudson.plugins.git.GitException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("non-fast-forward") || message.contains("fetch first")
                    || message.contains("cannot lock ref") || message.contains("failed to update ref")) {
                return PushResult.REJECTED_NON_FAST_FORWARD;
            }
            throw remote.translate("push to branch '" + target + "' of", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted pushing to branch '" + target + "' of " + remote.url());
        }
    }

    /** The git client holds no open resources between commands. */
    @Override
    public void close() {}
}
