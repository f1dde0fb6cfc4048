package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;

/**
 * A remote config repository that can commit the revert of one of its commits in a local checkout, for
 * the promotion engine's reverts. Like {@link ConfigRepository}, it holds the credentials and never shows them.
 */
public interface RevertingRepository extends AutoCloseable {

    /** The repository address, without any user information. */
    String url();

    /**
     * Checks out {@code branch} into {@code directory} with its history and commits on its tip the revert of
     * {@code commit}, with the message {@code message} makes of it. Nothing is pushed: push the returned
     * tree to publish the revert.
     *
     * @param commit a full or abbreviated commit id (hexadecimal only)
     * @param directory an empty or missing directory; the caller owns it and deletes it afterwards
     * @throws GitException of kind {@link GitException.Kind#NOT_FOUND} when the commit is not on the branch,
     *     {@link GitException.Kind#INVALID} when it is a merge or its changes are no longer on the branch,
     *     {@link GitException.Kind#OTHER} when the revert conflicts with later commits (the message names the files)
     */
    WorkingTree revert(String branch, String commit, GitIdentity committer, Path directory, RevertMessage message);

    @Override
    void close();
}
