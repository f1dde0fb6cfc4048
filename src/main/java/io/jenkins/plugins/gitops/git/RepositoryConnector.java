package io.jenkins.plugins.gitops.git;

/**
 * Opens a {@link ConfigRepository} for an address, with whatever credentials and settings the caller
 * chose: the command line opens JGit repositories, the Jenkins plugin opens its git client.
 */
@FunctionalInterface
public interface RepositoryConnector {

    /** @throws GitException of kind {@link GitException.Kind#INVALID} when the address is not a git URL */
    ConfigRepository connect(String url);
}
