package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.EnvVars;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.ConfigRepository;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.WorkingTree;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

/**
 * {@link ConfigRepository} on Jenkins' git client (command-line git), used on the machine that holds the
 * build workspace. Credentials are Jenkins credentials handed to the git client, which writes them only to
 * its own short-lived helper files; the SSH host key check is the one configured for the git client.
 */
final class GitClientConfigRepository implements ConfigRepository {

    private final String url;
    private final URIish uri;
    private final StandardCredentials credentials;
    private final TaskListener listener;
    private final EnvVars environment;
    private final HostKeyVerifierFactory hostKeys;
    private final Path scratch;

    /**
     * @param credentials {@code null} for a repository that needs none
     * @param scratch a directory for the git client's {@code ls-remote}
     */
    GitClientConfigRepository(String url, StandardCredentials credentials, TaskListener listener, EnvVars environment,
            HostKeyVerifierFactory hostKeys, Path scratch) {
        this.url = url;
        try {
            this.uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new GitException(GitException.Kind.INVALID, "'" + url + "' is not a git repository URL");
        }
        this.credentials = credentials;
        this.listener = listener;
        this.environment = environment;
        this.hostKeys = hostKeys;
        this.scratch = scratch;
    }

    @Override
    public String url() {
        return uri.setPass(null).toString();
    }

    @Override
    public Optional<String> tip(String branch) {
        try {
            Files.createDirectories(scratch);
            ObjectId tip = client(scratch).getHeadRev(url, "refs/heads/" + branch);
            return Optional.ofNullable(tip).map(ObjectId::name);
        } catch (hudson.plugins.git.GitException e) {
            throw translate("list branches of", e);
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot list branches of " + url() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted listing branches of " + url());
        }
    }

    /** A sparse checkout of {@code only}: command-line git writes that directory alone, the index holds the whole tree. */
    @Override
    public WorkingTree checkout(String branch, Path directory, RepositoryPath only) {
        String tracking = trackingRef(branch);
        try {
            Files.createDirectories(directory);
            GitClient git = client(directory);
            git.init_().workspace(directory.toString()).execute();
            try {
                fetch(git, branch, 1);
            } catch (hudson.plugins.git.GitException e) {
                if (String.valueOf(e.getMessage()).contains("couldn't find remote ref")) {
                    throw new GitException(GitException.Kind.NOT_FOUND, "branch '" + branch + "' does not exist in " + url());
                }
                throw e;
            }
            ObjectId tip = git.revParse(tracking);
            git.checkout()
                    .ref(tip.name())
                    .branch(branch)
                    .deleteBranchIfExist(true)
                    .sparseCheckoutPaths(only.equals(RepositoryPath.ROOT) ? List.of() : List.of(only.value()))
                    .execute();
            return new GitClientWorkingTree(this, git, branch, directory);
        } catch (hudson.plugins.git.GitException e) {
            throw translate("fetch branch '" + branch + "' of", e);
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot fetch branch '" + branch + "' of " + url() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(GitException.Kind.OTHER, "interrupted fetching branch '" + branch + "' of " + url());
        }
    }

    /** Fetches {@code branch} into its remote-tracking ref, {@code depth} commits deep. */
    void fetch(GitClient git, String branch, int depth) throws InterruptedException {
        git.fetch_()
                .from(uri, List.of(new RefSpec("+refs/heads/" + branch + ":" + trackingRef(branch))))
                .shallow(true)
                .depth(depth)
                .tags(false)
                .execute();
    }

    private static String trackingRef(String branch) {
        return "refs/remotes/origin/" + branch;
    }

    /** Nothing to release: every git client runs its own git processes. */
    @Override
    public void close() {}

    URIish uri() {
        return uri;
    }

    private GitClient client(Path directory) throws IOException, InterruptedException {
        GitClient git = Git.with(listener, environment).in(directory.toFile()).using("git").withHostKeyVerifierFactory(hostKeys).getClient();
        if (credentials != null) {
            git.addDefaultCredentials(credentials);
        }
        return git;
    }

    /**
     * The git client's message holds the whole command line and git's output on several lines; git's last
     * line says what went wrong. Repository URLs of environments never hold a password, and the git client
     * passes credentials to git through helper files, not on the command line.
     */
    GitException translate(String operation, hudson.plugins.git.GitException e) {
        String message = String.valueOf(e.getMessage());
        String reason = message.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, second) -> second).orElse(message);
        String lower = message.toLowerCase(Locale.ROOT);
        GitException.Kind kind;
        if (lower.contains("authentication failed") || lower.contains("permission denied") || lower.contains("could not read username")) {
            kind = GitException.Kind.AUTHENTICATION;
        } else if (lower.contains("host key verification failed") || lower.contains("certificate")) {
            kind = GitException.Kind.UNTRUSTED_SERVER;
        } else if (lower.contains("could not resolve host") || lower.contains("connection refused") || lower.contains("timed out")) {
            kind = GitException.Kind.NETWORK;
        } else {
            kind = GitException.Kind.OTHER;
        }
        return new GitException(kind, "cannot " + operation + " " + url() + ": " + reason);
    }
}
