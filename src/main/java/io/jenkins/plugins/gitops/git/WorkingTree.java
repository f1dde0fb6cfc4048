package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/** A local checkout of one branch tip of a {@link ConfigRepository}, made by {@link ConfigRepository#checkout}. */
public interface WorkingTree extends AutoCloseable {

    /** The root of the checkout. */
    Path directory();

    /** The branch that was fetched. */
    String branch();

    /** The commit checked out now: the fetched tip, or the commit made by {@link #commit}. */
    String head();

    /**
     * Records the current content of the given files (added, changed or deleted) as a new commit on
     * top of {@link #head()}.
     *
     * @param files paths relative to {@link #directory()}, with forward slashes
     * @return the new commit, or empty when the files hold what {@link #head()} already has (no commit
     *     is made)
     */
    Optional<String> commit(Collection<String> files, String message, GitIdentity author, GitIdentity committer);

    /**
     * Pushes {@link #head()} to {@code branch} on the remote, never forcing.
     *
     * @return whether the branch now points at {@link #head()}, or moved on the remote since the fetch
     * @throws GitException for every other failure (authentication, network, a hook refusing the push)
     */
    PushResult push(String branch);

    @Override
    void close();
}
