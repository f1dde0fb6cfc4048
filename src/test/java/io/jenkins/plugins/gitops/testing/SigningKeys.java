package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Commit signing keys made by the real tools: ed25519 keys from {@code ssh-keygen}, OpenPGP keys from Debian's
 * {@code gpg} in a home directory of their own, and the {@code git -c} options that make {@code git commit -S}
 * sign with each.
 */
public final class SigningKeys {

    private SigningKeys() {}

    /** An SSH signing key; {@link #allowedSignersLine()} is how a cluster owner trusts it. */
    public record SshKey(Path privateKey, String publicKey, String principal) {

        public List<String> gitOptions() {
            return List.of("gpg.format=ssh", "user.signingkey=" + privateKey);
        }

        public String allowedSignersLine() {
            return principal + " " + publicKey + "\n";
        }
    }

    /** An OpenPGP key; {@link #armoredPublicKey()} is how a cluster owner trusts it. */
    public record OpenPgpKey(Path home, Path program, String fingerprint, String armoredPublicKey) {

        public List<String> gitOptions() {
            return List.of("gpg.format=openpgp", "gpg.program=" + program, "user.signingkey=" + fingerprint);
        }
    }

    public static SshKey ssh(Path directory, String principal) {
        Path key = directory.resolve(principal.replaceAll("[^A-Za-z0-9]", "_"));
        Commands.run(directory, Map.of(), Commands.require("ssh-keygen", "openssh-client").toString(),
                "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", key.toString());
        try {
            return new SshKey(key, Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip(), principal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key valid for a year. */
    public static OpenPgpKey openPgp(Path directory, String userId) {
        return openPgp(directory, userId, null, "1y");
    }

    /** A key made in 2020 that expired a day later; git signs with it at that time too, so only the expiry is wrong now. */
    public static OpenPgpKey expiredOpenPgp(Path directory, String userId) {
        return openPgp(directory, userId, "20200101T000000", "1d");
    }

    private static OpenPgpKey openPgp(Path directory, String userId, String fakedTime, String expiry) {
        try {
            Path home = Files.createTempDirectory(directory, "gpg");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            String gpg = Commands.require("gpg", "gnupg").toString();
            String time = fakedTime == null ? "" : " --faked-system-time " + fakedTime + "!";
            Path program = home.resolve("gpg-for-git");
            Files.writeString(program, "#!/bin/sh\nexec " + gpg + " --homedir " + home + time + " \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
            Commands.run(directory, Map.of(), program.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", userId, "ed25519", "sign", expiry);
            String fingerprint = Commands.run(directory, Map.of(), program.toString(), "--batch", "--with-colons", "--list-keys", userId)
                    .lines().filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
            String exported = Commands.run(directory, Map.of(), program.toString(), "--batch", "--armor", "--export", fingerprint);
            String end = "-----END PGP PUBLIC KEY BLOCK-----";
            // stderr is mixed in: keep the armored block alone.
            String armored = exported.substring(exported.indexOf("-----BEGIN"), exported.indexOf(end) + end.length()) + "\n";
            return new OpenPgpKey(home, program, fingerprint, armored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the key's secret part, armored and without a passphrase, as an environment's credential would hold it. */
    public static Path exportSecretKey(OpenPgpKey key, Path file) {
        String exported = Commands.run(key.home(), Map.of(), key.program().toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase", "", "--armor", "--export-secret-keys", key.fingerprint());
        String end = "-----END PGP PRIVATE KEY BLOCK-----";
        try {
            return Files.writeString(file, exported.substring(exported.indexOf("-----BEGIN"), exported.indexOf(end) + end.length()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the gpg-agent a key's home directory started. */
    public static void stopAgent(OpenPgpKey key) {
        Commands.run(key.home(), Map.of(), Commands.require("gpgconf", "gnupg").toString(), "--homedir", key.home().toString(),
                "--kill", "gpg-agent");
    }
}
