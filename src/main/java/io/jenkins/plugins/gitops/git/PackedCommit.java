package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.TreeWalk.OperationType;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * {@code git add FILES && git commit} with the new objects written as one pack instead of one loose file
 * each. A promotion that changes a hundred manifests otherwise creates (and its cleanup deletes) some
 * two hundred files and directories under {@code .git/objects}, which dominated its time. The blobs are
 * read through the same work-tree iterator {@code git add} uses, so attributes and line-ending rules
 * apply as they would there.
 */
final class PackedCommit {

    private PackedCommit() {}

    /** Adds a signature to the commit before it is written, or leaves it unsigned. */
    @FunctionalInterface
    interface Signing {
        void sign(CommitBuilder commit) throws IOException;
    }

    /**
     * @return the new commit on {@code HEAD}, or empty when the files hold what {@code HEAD} already has
     */
    static Optional<ObjectId> commit(Repository repository, Collection<String> files, String message, PersonIdent author,
            PersonIdent committer, Signing signing) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        DirCache index = repository.lockDirCache();
        try (ObjectInserter inserter = inserter(repository); TreeWalk walk = new TreeWalk(repository);
                RevWalk commits = new RevWalk(repository)) {
            walk.setOperationType(OperationType.CHECKIN_OP);
            walk.addTree(new DirCacheIterator(index));
            walk.addTree(new FileTreeIterator(repository));
            walk.setFilter(PathFilterGroup.createFromStrings(files));
            walk.setRecursive(true);
            DirCacheEditor editor = index.editor();
            while (walk.next()) {
                FileTreeIterator file = walk.getTree(1, FileTreeIterator.class);
                if (file == null) {
                    editor.add(new DirCacheEditor.DeletePath(walk.getPathString()));
                    continue;
                }
                FileMode mode = file.getIndexFileMode(walk.getTree(0, DirCacheIterator.class));
                long length = file.getEntryContentLength();
                ObjectId blob;
                try (InputStream content = file.openEntryStream()) {
                    blob = inserter.insert(Constants.OBJ_BLOB, length, content);
                }
                Instant modified = file.getEntryLastModifiedInstant();
                editor.add(new DirCacheEditor.PathEdit(walk.getPathString()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(blob);
                        entry.setLength(length);
                        entry.setLastModified(modified);
                    }
                });
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            if (tree.equals(commits.parseCommit(head).getTree())) {
                return Optional.empty();
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            commit.setAuthor(author);
            commit.setCommitter(committer);
            commit.setMessage(message);
            signing.sign(commit);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            index.write();
            index.commit();
            RefUpdate update = repository.updateRef(Constants.HEAD);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(head);
            update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                throw new IOException("cannot move HEAD to the new commit: " + result);
            }
            return Optional.of(id);
        } finally {
            index.unlock();
        }
    }

    /** One pack for all of the commit's objects where the repository is on disk, as a checkout is. */
    private static ObjectInserter inserter(Repository repository) {
        return repository.getObjectDatabase() instanceof ObjectDirectory objects ? objects.newPackInserter() : repository.newObjectInserter();
    }
}
