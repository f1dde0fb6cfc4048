package io.jenkins.plugins.gitops.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Checks that commits carry a good signature by a key the cluster owner trusts, as {@code git verify-commit}
 * would: SSH signatures ({@code gpg.format=ssh}) against an OpenSSH {@code allowed_signers} file, with JGit's
 * SSH signature verifier, and OpenPGP signatures against a file of armored public keys.
 */
public final class CommitVerifier {

    private static final byte[] SIGNATURE_HEADER = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private final Path allowedSigners;
    private final Path trustedKeys;
    private final Clock clock;

    /**
     * @param allowedSigners an OpenSSH {@code allowed_signers} file, or null when no SSH key is trusted
     * @param trustedKeys armored OpenPGP public keys, or null when no OpenPGP key is trusted
     * @throws IllegalArgumentException with one line naming the file when neither is given or one cannot be read
     */
    public CommitVerifier(Path allowedSigners, Path trustedKeys, Clock clock) {
        if (allowedSigners == null && trustedKeys == null) {
            throw new IllegalArgumentException("verifying commits needs --allowed-signers or --trusted-keys");
        }
        if (allowedSigners != null && !Files.isReadable(allowedSigners)) {
            throw new IllegalArgumentException(allowedSigners + ": cannot be read");
        }
        if (trustedKeys != null) {
            OpenPgpKeys.read(trustedKeys);
        }
        this.allowedSigners = allowedSigners == null ? null : allowedSigners.toAbsolutePath();
        this.trustedKeys = trustedKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The first of {@code commits}, in their order, that does not carry a good signature by a trusted key.
     * The key files are read afresh, so that a cluster owner can rotate keys without a restart.
     *
     * @param checkout a directory holding a git repository with the commits
     */
    public Optional<UnverifiedCommit> firstUnverified(Path checkout, List<String> commits) {
        OpenPgpKeys keys = trustedKeys == null ? null : OpenPgpKeys.read(trustedKeys);
        try (Repository repository = new FileRepositoryBuilder().findGitDir(checkout.toFile()).setMustExist(true).build();
                RevWalk walk = new RevWalk(repository)) {
            for (String id : commits) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(id));
                Optional<String> problem = problem(repository, commit, keys);
                if (problem.isPresent()) {
                    PersonIdent author = commit.getAuthorIdent();
                    return Optional.of(new UnverifiedCommit(commit.name(), author.getName() + " <" + author.getEmailAddress() + ">",
                            problem.get()));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new GitException(GitException.Kind.OTHER, "cannot read the commits to verify in " + checkout + ": " + e.getMessage());
        }
    }

    private Optional<String> problem(Repository repository, RevCommit commit, OpenPgpKeys keys) throws IOException {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return Optional.of("no signature");
        }
        byte[] payload = unsigned(commit.getRawBuffer());
        return switch (SignatureVerifiers.getFormat(signature)) {
            case SSH -> allowedSigners == null
                    ? Optional.of("signed by an untrusted key (an SSH signature, and no --allowed-signers file is given)")
                    : sshProblem(repository, payload, signature);
            case OPENPGP -> keys == null
                    ? Optional.of("signed by an untrusted key (an OpenPGP signature, and no --trusted-keys file is given)")
                    : keys.problem(payload, signature, clock.instant());
            case X509 -> Optional.of("signed by an untrusted key (X.509 signatures are not supported)");
        };
    }

    private Optional<String> sshProblem(Repository repository, byte[] payload, byte[] signature) throws IOException {
        Config config = new Config();
        config.setString("gpg", null, "format", "ssh");
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
        SignatureVerifier.SignatureVerification verification =
                SignatureVerifiers.verify(repository, new GpgConfig(config), payload, signature);
        if (verification == null) {
            return Optional.of("bad signature (unreadable SSH signature)");
        }
        String key = verification.keyFingerprint() == null ? "" : " (SSH key " + verification.keyFingerprint() + ")";
        if (verification.verified() && verification.expired()) {
            return Optional.of("signed by an expired key" + key);
        }
        if (verification.verified()) {
            return Optional.empty();
        }
        // JGit says NEVER when the signature does not match the commit; otherwise it did not find the key trusted.
        if (verification.trustLevel() == SignatureVerifier.TrustLevel.NEVER) {
            return Optional.of("bad signature" + key);
        }
        return Optional.of("signed by an untrusted key" + key);
    }

    /** The commit as it was signed: its raw bytes without the {@code gpgsig} header and its continuation lines. */
    static byte[] unsigned(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int at = 0;
        boolean inSignature = false;
        while (at < raw.length) {
            int end = at;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (end == at) {
                // The blank line after the headers: the message follows unchanged.
                out.write(raw, at, raw.length - at);
                break;
            }
            inSignature = startsWith(raw, at, SIGNATURE_HEADER) || (inSignature && raw[at] == ' ');
            if (!inSignature) {
                out.write(raw, at, next - at);
            }
            at = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
        if (raw.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
