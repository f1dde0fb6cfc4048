package io.jenkins.plugins.gitops.git;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A remote config repository as the promotion engine and the agent see it: look up a branch tip, fetch a
 * branch tip into a local working tree, and (through the {@link WorkingTree}) commit and push.
 *
 * <p>Implementations hold the credentials and transport settings; nothing here takes or returns a
 * secret, and every {@link GitException} message is safe to show. One implementation runs on JGit
 * (command line, agent, tests); the Jenkins plugin provides one on its git client in a build workspace.
 */
public interface ConfigRepository extends AutoCloseable {

    /** The repository address, without any user information, as it may be shown to people. */
    String url();

    /**
     * The commit a branch points at on the remote, without fetching anything (what {@code git ls-remote}
     * answers).
     *
     * @return empty when the remote has no such branch
     * @throws GitException when the remote cannot be reached or refuses the credentials
     */
    Optional<String> tip(String branch);

    /**
     * Fetches the tip of {@code branch} with depth 1 into {@code directory} and checks it out.
     *
     * @param directory an empty or missing directory; the caller owns it and deletes it afterwards
     * @throws GitException of kind {@link GitException.Kind#NOT_FOUND} when the branch does not exist
     */
    default WorkingTree checkout(String branch, Path directory) {
        return checkout(branch, directory, RepositoryPath.ROOT);
    }

    /**
     * Like {@link #checkout(String, Path)}, but only the files under {@code only} need be written to
     * disk: a promotion edits one directory, and writing thousands of unrelated manifests would cost
     * more than the fetch. Commits made in the working tree still hold the whole tree of the branch.
     */
    WorkingTree checkout(String branch, Path directory, RepositoryPath only);

    /** Releases connections and caches; the working trees stay on disk. */
    @Override
    void close();
}
