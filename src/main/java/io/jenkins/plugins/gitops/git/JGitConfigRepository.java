package io.jenkins.plugins.gitops.git;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * {@link ConfigRepository} on JGit, for the command line, the agent and tests. Speaks {@code file://},
 * {@code git://}, {@code https://} (user name and token) and {@code ssh://} (private key file, known
 * hosts checked). Safe for concurrent use by several threads.
 */
public final class JGitConfigRepository implements ConfigRepository, RevertingRepository {

    /** Bounds every network read and connect of one operation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final URIish uri;
    private final String url;
    private final String displayUrl;
    private final GitCredentials credentials;
    private final int timeoutSeconds;
    private final HttpConnectionFactory httpConnections;
    private final JGitErrors errors;
    private final CommitSigning signing;
    private SshdSessionFactory sshSessions;

    public JGitConfigRepository(String url, GitCredentials credentials, HttpsTrust trust, Duration timeout) {
        this(url, credentials, trust, timeout, null);
    }

    /** @param signing how the commits of its working trees are signed; null for unsigned commits */
    public JGitConfigRepository(String url, GitCredentials credentials, HttpsTrust trust, Duration timeout, CommitSigning signing) {
        this.signing = signing;
        this.url = url;
        this.uri = parse(url);
        this.displayUrl = uri.setPass(null).toString();
        this.credentials = credentials;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.errors = new JGitErrors(displayUrl, secretsOf(url, uri, credentials), refusedCredentials(credentials));
        checkCredentialsFit();
        this.httpConnections = trust.extraCertificates().map(TrustingHttpConnectionFactory::new).orElse(null);
    }

    /** Opens repositories with these credentials and this trust, and the default timeout. */
    public static RepositoryConnector connector(GitCredentials credentials, HttpsTrust trust) {
        return url -> new JGitConfigRepository(url, credentials, trust, DEFAULT_TIMEOUT);
    }

    /** Opens repositories whose working trees sign their commits. */
    public static RepositoryConnector connector(GitCredentials credentials, HttpsTrust trust, CommitSigning signing) {
        return url -> new JGitConfigRepository(url, credentials, trust, DEFAULT_TIMEOUT, signing);
    }

    /** How commits are signed; null when they are not. */
    CommitSigning signing() {
        return signing;
    }

    @Override
    public String url() {
        return displayUrl;
    }

    @Override
    public Optional<String> tip(String branch) {
        String ref = branchRef(branch);
        try {
            Collection<Ref> refs = configure(Git.lsRemoteRepository().setRemote(url).setHeads(true)).call();
            return refs.stream()
                    .filter(r -> r.getName().equals(ref))
                    .findFirst()
                    .map(r -> r.getObjectId().name());
        } catch (GitAPIException | RuntimeException e) {
            throw errors.translate("list branches of", e);
        }
    }

    @Override
    public WorkingTree checkout(String branch, Path directory, RepositoryPath only) {
        String ref = branchRef(branch);
        Git git = null;
        try {
            Files.createDirectories(directory);
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new GitException(GitException.Kind.INVALID, "cannot check out into " + directory + ": it is not empty");
                }
            }
            git = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call();
            // A throwaway checkout never needs housekeeping; JGit's automatic gc after a fetch would
            // otherwise keep writing into the directory in the background after the tree is closed.
            StoredConfig config = git.getRepository().getConfig();
            config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
            config.save();
            String tracking = Constants.R_REMOTES + "origin/" + branch;
            FetchResult fetched;
            try {
                fetched = configure(git.fetch()
                                .setRemote(url)
                                .setRefSpecs(new RefSpec("+" + ref + ":" + tracking))
                                .setDepth(1)
                                .setTagOpt(TagOpt.NO_TAGS))
                        .call();
            } catch (TransportException e) {
                if (String.valueOf(e.getMessage()).contains("does not have " + ref)) {
                    throw missingBranch(branch);
                }
                throw e;
            }
            if (fetched.getAdvertisedRef(ref) == null) {
                throw missingBranch(branch);
            }
            ObjectId tip = fetched.getAdvertisedRef(ref).getObjectId();
            RefUpdate update = git.getRepository().updateRef(ref);
            update.setNewObjectId(tip);
            update.setRefLogMessage("fetched from " + displayUrl, false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                throw new GitException(GitException.Kind.OTHER, "cannot create branch '" + branch + "' in " + directory + ": " + result);
            }
            if (only.equals(RepositoryPath.ROOT)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
            } else {
                // The index gets the whole tree, so that a commit keeps every other file; the disk gets the path.
                git.reset().setMode(ResetCommand.ResetType.MIXED).setRef(tip.name()).call();
                git.checkout().setStartPoint(tip.name()).addPath(only.value()).call();
            }
            return new JGitWorkingTree(this, git, branch, directory);
        } catch (GitException e) {
            close(git);
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            close(git);
            throw errors.translate("fetch branch '" + branch + "' of", e);
        }
    }

    private GitException missingBranch(String branch) {
        return new GitException(GitException.Kind.NOT_FOUND, "branch '" + branch + "' does not exist in " + displayUrl);
    }

    /**
     * The revert {@code git revert} makes, with its message: see {@link #revert(String, String, GitIdentity, Path, RevertMessage)}.
     */
    public WorkingTree revert(String branch, String commit, GitIdentity committer, Path directory) {
        return revert(branch, commit, committer, directory, RevertMessage.AS_GIT_DOES);
    }

    @Override
    public WorkingTree revert(String branch, String commit, GitIdentity committer, Path directory, RevertMessage message) {
        JGitWorkingTree tree = (JGitWorkingTree) checkout(branch, directory);
        try {
            tree.revert(commit, committer, message);
            return tree;
        } catch (RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (sshSessions != null) {
            sshSessions.close();
            sshSessions = null;
        }
    }

    /** Applies credentials, timeout and transport settings to one JGit command. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout(timeoutSeconds);
        CredentialsProvider provider = credentialsProvider();
        if (provider != null) {
            command.setCredentialsProvider(provider);
        }
        return command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sshSessions());
            } else if (transport instanceof TransportHttp http && httpConnections != null) {
                http.setHttpConnectionFactory(httpConnections);
            }
        });
    }

    JGitErrors errors() {
        return errors;
    }

    String remoteUrl() {
        return url;
    }

    static String branchRef(String branch) {
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new GitException(GitException.Kind.INVALID, "'" + branch + "' is not a valid branch name");
        }
        return Constants.R_HEADS + branch;
    }

    private CredentialsProvider credentialsProvider() {
        if (credentials instanceof GitCredentials.UsernameToken token) {
            return new UsernamePasswordCredentialsProvider(token.username(), token.token());
        }
        return null;
    }

    private synchronized SshdSessionFactory sshSessions() {
        if (!(credentials instanceof GitCredentials.SshKey key)) {
            throw new GitException(GitException.Kind.INVALID, displayUrl + " is an SSH address: it needs an SSH private key");
        }
        if (sshSessions == null) {
            sshSessions = SshSessions.create(key);
        }
        return sshSessions;
    }

    private void checkCredentialsFit() {
        String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme();
        boolean ssh = scheme.equals("ssh") || scheme.equals("git+ssh") || scheme.equals("ssh+git");
        if (credentials instanceof GitCredentials.SshKey && !ssh) {
            throw new GitException(GitException.Kind.INVALID, "an SSH key was given for " + displayUrl + ", which is not an SSH address");
        }
        if (credentials instanceof GitCredentials.UsernameToken && !scheme.startsWith("http")) {
            throw new GitException(GitException.Kind.INVALID, "a user name and token were given for " + displayUrl + ", which is not an HTTP(S) address");
        }
    }

    private static URIish parse(String url) {
        if (url == null || url.isBlank()) {
            throw new GitException(GitException.Kind.INVALID, "the repository URL is empty");
        }
        try {
            return new URIish(url);
        } catch (URISyntaxException e) {
            String secretFree = new JGitErrors("", secretsOf(url, null, GitCredentials.none()), "").scrub(url);
            throw new GitException(GitException.Kind.INVALID, "'" + secretFree + "' is not a git repository URL");
        }
    }

    private static List<String> secretsOf(String url, URIish uri, GitCredentials credentials) {
        List<String> secrets = new ArrayList<>();
        if (uri != null && uri.getPass() != null) {
            secrets.add(uri.getPass());
        } else if (uri == null && url != null) {
            int at = url.indexOf('@');
            int scheme = url.indexOf("://");
            if (at > 0 && scheme > 0 && at > scheme) {
                secrets.add(url.substring(scheme + 3, at));
            }
        }
        if (credentials instanceof GitCredentials.UsernameToken token) {
            secrets.add(token.token());
        }
        if (credentials instanceof GitCredentials.SshKey key && key.passphrase() != null && !key.passphrase().isEmpty()) {
            secrets.add(key.passphrase());
        }
        return secrets;
    }

    private static String refusedCredentials(GitCredentials credentials) {
        if (credentials instanceof GitCredentials.UsernameToken token) {
            return "the user name '" + token.username() + "' and its token were refused";
        }
        if (credentials instanceof GitCredentials.SshKey key) {
            return "the SSH key " + key.privateKey() + " was refused";
        }
        return "the server needs credentials and none were given";
    }

    private static void close(Git git) {
        if (git != null) {
            git.close();
        }
    }
}
