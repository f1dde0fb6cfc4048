package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How commits made through a {@link WorkingTree} are signed, so that {@code git verify-commit} (and an agent
 * requiring signatures) accepts them, as {@code git commit -S} would sign them.
 *
 * @param format the signature format ({@code gpg.format})
 * @param key for {@link Format#SSH} an OpenSSH private key file without a passphrase; for {@link Format#OPENPGP}
 *     an armored OpenPGP secret key file without a passphrase ({@code gpg --armor --export-secret-keys})
 */
public record CommitSigning(Format format, Path key) {

    public enum Format {
        SSH,
        OPENPGP;

        /** {@code ssh} or {@code openpgp}, as {@code gpg.format} spells it. */
        public static Format parse(String text) {
            return Arrays.stream(values()).filter(format -> format.label().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("signing format '" + text + "' is not one of "
                            + Arrays.stream(values()).map(Format::label).collect(Collectors.joining(", "))));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Signing with key material held in memory (a Jenkins credential): written readable by its owner only to
     * {@code directory}, which the caller deletes once the commits are made.
     *
     * @throws IllegalArgumentException when the key is empty; the message never holds key material
     */
    public static CommitSigning keyText(Format format, String key, Path directory) throws IOException {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the " + format.label() + " signing key is empty");
        }
        return new CommitSigning(format, OwnerOnlyFile.write(directory.resolve("signing-key"), key));
    }

    /** @throws IllegalArgumentException naming the file when it cannot be read */
    public CommitSigning {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(key, "key");
        if (!Files.isReadable(key)) {
            throw new IllegalArgumentException("signing key " + key + " is not a readable file");
        }
        key = key.toAbsolutePath();
    }
}
