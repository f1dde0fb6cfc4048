package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.RevertCommand;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/** A JGit checkout made by {@link JGitConfigRepository#checkout}. */
final class JGitWorkingTree implements WorkingTree {

    private final JGitConfigRepository remote;
    private final Git git;
    private final String branch;
    private final Path directory;

    JGitWorkingTree(JGitConfigRepository remote, Git git, String branch, Path directory) {
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
            ObjectId head = git.getRepository().resolve("HEAD");
            return head.name();
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot read HEAD in " + directory + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> commitsSince(String previous, int limit) {
        if (previous.isEmpty()) {
            return List.of(head());
        }
        History history = history(previous, limit);
        if (!history.reachedPrevious() && history.commits().size() < limit) {
            // The shallow checkout ends before previous: fetch history as deep as the limit, once.
            deepen(limit);
            history = history(previous, limit);
        }
        return history.commits();
    }

    private record History(List<String> commits, boolean reachedPrevious) {}

    /** From the head back, newest first: the commits before {@code previous}, at most {@code limit}. */
    private History history(String previous, int limit) {
        List<String> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            walk.markStart(walk.parseCommit(git.getRepository().resolve("HEAD")));
            for (RevCommit commit : walk) {
                if (commit.name().equals(previous)) {
                    return new History(List.copyOf(commits), true);
                }
                if (commits.size() == limit) {
                    break;
                }
                commits.add(commit.name());
            }
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot read the history in " + directory + ": " + e.getMessage());
        }
        return new History(List.copyOf(commits), false);
    }

    private void deepen(int depth) {
        String ref = JGitConfigRepository.branchRef(branch);
        try {
            remote.configure(git.fetch()
                            .setRemote(remote.remoteUrl())
                            .setRefSpecs(new RefSpec("+" + ref + ":" + Constants.R_REMOTES + "origin/" + branch))
                            .setDepth(depth))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw remote.errors().translate("fetch the history of branch '" + branch + "' of", e);
        }
    }

    @Override
    public Optional<String> commit(Collection<String> files, String message, GitIdentity author, GitIdentity committer) {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try {
            return PackedCommit.commit(git.getRepository(), files, message, new PersonIdent(author.name(), author.email()),
                    new PersonIdent(committer.name(), committer.email()), this::sign).map(ObjectId::name);
        } catch (IOException | RuntimeException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot commit in " + directory + ": " + remote.errors().scrub(whyNotCommitted(e)));
        }
    }

    @Override
    public io.jenkins.plugins.gitops.git.PushResult push(String target) {
        String ref = JGitConfigRepository.branchRef(target);
        Iterable<PushResult> results;
        try {
            results = remote.configure(git.push()
                            .setRemote(remote.remoteUrl())
                            .setRefSpecs(new RefSpec(head() + ":" + ref)))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw remote.errors().translate("push to branch '" + target + "' of", e);
        }
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update != null) {
                return remote.errors().outcome(target, update.getStatus(), update.getMessage());
            }
        }
        throw new GitException(GitException.Kind.OTHER, "push to branch '" + target + "' of " + remote.url() + " reported nothing for the branch");
    }

    /** Commits the revert of {@code commit} on top of {@link #head()}; see {@link RevertingRepository#revert}. */
    void revert(String commit, GitIdentity committer, RevertMessage message) {
        String where = "on branch '" + branch + "' of " + remote.url();
        try {
            // The checkout is shallow; the commit and its parent may be further back.
            remote.configure(git.fetch()
                            .setRemote(remote.remoteUrl())
                            .setRefSpecs(new RefSpec("+" + JGitConfigRepository.branchRef(branch) + ":refs/remotes/origin/" + branch))
                            .setUnshallow(true)
                            .setTagOpt(TagOpt.NO_TAGS))
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw remote.errors().translate("fetch the history of branch '" + branch + "' of", e);
        }
        try {
            ObjectId id = commit.matches("[0-9a-fA-F]{4,64}") ? resolve(commit) : null;
            if (id == null || !isAncestorOfHead(id)) {
                throw new GitException(GitException.Kind.NOT_FOUND, "commit " + commit + " is not " + where);
            }
            RevCommit reverted;
            RevCommit head;
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                reverted = walk.parseCommit(id);
                head = walk.parseCommit(git.getRepository().resolve("HEAD"));
            }
            if (reverted.getParentCount() != 1) {
                throw new GitException(GitException.Kind.INVALID, "commit " + reverted.name() + " " + where
                        + " is a merge or the first commit; only a commit with one parent can be reverted");
            }
            String text = message.of(reverted.name(), reverted.getFullMessage());
            // git revert takes the committer from the configuration, as the command line does.
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", committer.name());
            config.setString("user", null, "email", committer.email());
            config.save();
            RevertCommand revert = git.revert().include(reverted);
            RevCommit made = revert.call();
            if (made == null) {
                List<String> files = revert.getUnmergedPaths() == null ? List.of() : revert.getUnmergedPaths();
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
                throw new GitException(GitException.Kind.OTHER, "cannot revert commit " + reverted.name() + " " + where
                        + ": later commits changed the same lines of " + (files.isEmpty() ? "its files" : String.join(", ", files)));
            }
            if (made.getTree().equals(head.getTree())) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
                throw new GitException(GitException.Kind.INVALID, "nothing to revert: the changes of commit " + reverted.name()
                        + " are no longer " + where + " (already reverted?)");
            }
            if (made.getFullMessage().equals(text) && remote.signing() == null) {
                return;
            }
            // JGit's revert writes git's message and signs nothing; amending (same tree, parent and identities) puts
            // the caller's message and the signature on it.
            signed(git.commit()
                    .setAmend(true)
                    .setMessage(text)
                    .setAuthor(new PersonIdent(committer.name(), committer.email()))
                    .setCommitter(new PersonIdent(committer.name(), committer.email()))
                    .setNoVerify(true))
                    .call();
        } catch (GitAPIException | IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot revert " + commit + " in " + directory + ": "
                    + remote.errors().scrub(String.valueOf(e.getMessage())));
        }
    }

    /** Says what signing with which key failed on, when it was signing that failed. */
    private String whyNotCommitted(Exception e) {
        CommitSigning signing = remote.signing();
        if (!(e instanceof SigningFailure) || signing == null) {
            return String.valueOf(e.getMessage());
        }
        Throwable cause = e.getCause();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "signing with the " + signing.format().label() + " key " + signing.key() + " failed, so nothing was committed: "
                + cause.getMessage();
    }

    /** Signs as the repository says, or not at all: never as the checkout's or the user's git configuration says. */
    private CommitCommand signed(CommitCommand commit) {
        CommitSigning signing = remote.signing();
        if (signing == null) {
            return commit.setSign(false);
        }
        commit.setGpgConfig(gpgConfig(signing)).setSign(true).setSigningKey(signing.key().toString());
        return signing.format() == CommitSigning.Format.OPENPGP ? commit.setSigner(new OpenPgpSigner(signing.key())) : commit;
    }

    /** {@link #signed(CommitCommand)} for a commit written without a {@link CommitCommand}. */
    private void sign(CommitBuilder commit) throws IOException {
        CommitSigning signing = remote.signing();
        if (signing == null) {
            return;
        }
        Signer signer = signing.format() == CommitSigning.Format.OPENPGP
                ? new OpenPgpSigner(signing.key()) : Signers.get(GpgConfig.GpgFormat.SSH);
        try {
            signer.signObject(git.getRepository(), gpgConfig(signing), commit, commit.getCommitter(), signing.key().toString(),
                    null);
        } catch (CanceledException | UnsupportedSigningFormatException | IOException | RuntimeException e) {
            throw new SigningFailure(e);
        }
    }

    private static final class SigningFailure extends IOException {
        SigningFailure(Exception cause) {
            super(cause);
        }
    }

    private static GpgConfig gpgConfig(CommitSigning signing) {
        Config config = new Config();
        config.setString("gpg", null, "format", signing.format().label());
        return new GpgConfig(config);
    }

    private ObjectId resolve(String commit) throws IOException {
        try {
            return git.getRepository().resolve(commit + "^{commit}");
        } catch (MissingObjectException | RevisionSyntaxException e) {
            return null;
        }
    }

    private boolean isAncestorOfHead(ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(git.getRepository().resolve("HEAD")));
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
