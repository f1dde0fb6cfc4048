package io.jenkins.plugins.gitops.testing;

import static io.jenkins.plugins.gitops.testing.GitCli.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bare git repository on disk, seeded with files on one branch, that every test server can serve.
 * Reads and writes go through the git command line, not through the code under test.
 */
public final class BareRepository {

    private final Path path;

    private BareRepository(Path path) {
        this.path = path;
    }

    /**
     * Creates {@code <root>/<name>.git} with one commit on {@code branch} holding {@code files}
     * (relative path to content), and allows pushes over every protocol.
     */
    public static BareRepository create(Path root, String name, String branch, Map<String, String> files) {
        Path bare = root.resolve(name + ".git");
        git(root, "init", "--quiet", "--bare", "--initial-branch=" + branch, bare.toString());
        git(bare, "config", "daemon.receivepack", "true");
        git(bare, "config", "http.receivepack", "true");
        BareRepository repository = new BareRepository(bare);
        repository.commit(branch, files, "Seed " + name);
        return repository;
    }

    public Path path() {
        return path;
    }

    /** The repository's {@code file://} URL. */
    public String fileUrl() {
        return path.toUri().toString();
    }

    /** The commit {@code branch} points at, if the branch exists. */
    public Optional<String> head(String branch) {
        String out = git(path, "for-each-ref", "--format=%(objectname)", "refs/heads/" + branch).strip();
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** A file's content on a branch. */
    public String read(String branch, String file) {
        return git(path, "show", branch + ":" + file);
    }

    /** The full messages of the commits on a branch, newest first. */
    public List<String> messages(String branch) {
        String out = git(path, "log", "--format=%B%x00", branch);
        return Arrays.stream(out.split("\u0000")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    /** How many commits the branch has. */
    public int commitCount(String branch) {
        return Integer.parseInt(git(path, "rev-list", "--count", branch).strip());
    }

    /**
     * Commits {@code files} on top of {@code branch} (creating it when absent) the way another
     * person's clone would, and pushes; returns the new commit.
     */
    public String commit(String branch, Map<String, String> files, String message) {
        return commit(branch, files, message, List.of());
    }

    /**
     * Like {@link #commit(String, Map, String)}, with {@code git -c NAME=VALUE ... commit -S}: signed with
     * the key those options name (see {@link SigningKeys}).
     */
    public String signedCommit(String branch, Map<String, String> files, String message, List<String> signingOptions) {
        List<String> options = new ArrayList<>();
        signingOptions.forEach(option -> options.addAll(List.of("-c", option)));
        return commit(branch, files, message, options);
    }

    private String commit(String branch, Map<String, String> files, String message, List<String> signingOptions) {
        try {
            Path clone = Files.createTempDirectory(path.getParent(), "clone");
            try {
                git(clone, "init", "--quiet", "--initial-branch=" + branch);
                if (head(branch).isPresent()) {
                    git(clone, "fetch", "--quiet", "--depth=1", path.toString(), "refs/heads/" + branch);
                    git(clone, "reset", "--quiet", "--hard", "FETCH_HEAD");
                }
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Path target = clone.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                    git(clone, "add", file.getKey());
                }
                List<String> commit = new ArrayList<>(signingOptions);
                commit.addAll(List.of("commit", "--quiet", "--allow-empty", "-m", message));
                if (!signingOptions.isEmpty()) {
                    commit.add("-S");
                }
                git(clone, commit.toArray(String[]::new));
                git(clone, "push", "--quiet", path.toString(), "HEAD:refs/heads/" + branch);
                return git(clone, "rev-parse", "HEAD").strip();
            } finally {
                deleteRecursively(clone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the tip of {@code branch} with a copy whose message says something else but which keeps the
     * original's signature header, as someone rewriting a signed commit would; returns the copy.
     */
    public String tamperWithTip(String branch, String newMessage) {
        try {
            String raw = git(path, "cat-file", "commit", "refs/heads/" + branch);
            int body = raw.indexOf("\n\n");
            Path forged = Files.createTempFile(path.getParent(), "forged", ".commit");
            try {
                Files.writeString(forged, raw.substring(0, body + 2) + newMessage + "\n", StandardCharsets.UTF_8);
                String copy = git(path, "hash-object", "-t", "commit", "-w", forged.toString()).strip();
                git(path, "update-ref", "refs/heads/" + branch, copy);
                return copy;
            } finally {
                Files.deleteIfExists(forged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits a symbolic link {@code link} pointing at {@code target} on {@code branch}; returns the new commit. */
    public String commitSymbolicLink(String branch, String link, String target, String message) {
        try {
            Path clone = Files.createTempDirectory(path.getParent(), "clone");
            try {
                git(clone, "init", "--quiet", "--initial-branch=" + branch);
                git(clone, "fetch", "--quiet", "--depth=1", path.toString(), "refs/heads/" + branch);
                git(clone, "reset", "--quiet", "--hard", "FETCH_HEAD");
                Path file = clone.resolve(link);
                Files.createDirectories(file.getParent());
                Files.createSymbolicLink(file, Path.of(target));
                git(clone, "add", link);
                git(clone, "commit", "--quiet", "-m", message);
                git(clone, "push", "--quiet", path.toString(), "HEAD:refs/heads/" + branch);
                return git(clone, "rev-parse", "HEAD").strip();
            } finally {
                deleteRecursively(clone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
