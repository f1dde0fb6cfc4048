package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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
     * The commits {@link #head()} adds to {@code previous}: from the head back to, but not including,
     * {@code previous}, newest first. A checkout is shallow, so this fetches deeper history as needed.
     *
     * @param previous a commit id, or empty when nothing came before
     * @param limit the most commits to return; also how deep history is fetched at the most
     * @return just the head when {@code previous} is empty; the commits up to {@code limit} when
     *     {@code previous} is not among them (history was rewritten, or more commits came)
     */
    List<String> commitsSince(String previous, int limit);

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
