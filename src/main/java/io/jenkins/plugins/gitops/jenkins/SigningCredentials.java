package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.git.CommitSigning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * The credential an environment signs its commits with, in its format: an SSH private key credential for
 * {@code ssh}, a secret file holding an armored OpenPGP private key for {@code openpgp}. Neither may need a
 * passphrase. Messages name the credential's id, never its content.
 *
 * @param format {@code ssh} or {@code openpgp}, as the environment was validated to hold
 */
record SigningCredentials(StandardCredentials credentials, String format) {

    /**
     * Writes the key, readable by its owner only, into {@code directory}, which the caller deletes afterwards.
     *
     * @throws IllegalArgumentException in one line when the credential is not of the format's kind or holds no usable key
     */
    CommitSigning write(Path directory) throws IOException {
        CommitSigning.Format parsed = CommitSigning.Format.parse(format);
        String key = switch (parsed) {
            case SSH -> sshKey();
            case OPENPGP -> openPgpKey();
        };
        try {
            return CommitSigning.keyText(parsed, key, directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing credentials '" + credentials.getId() + "': " + e.getMessage(), e);
        }
    }

    private String sshKey() {
        if (!(credentials instanceof SSHUserPrivateKey ssh)) {
            throw new IllegalArgumentException("signing credentials '" + credentials.getId()
                    + "' are not an SSH private key, which signing format ssh needs");
        }
        Secret passphrase = ssh.getPassphrase();
        if (passphrase != null && !passphrase.getPlainText().isEmpty()) {
            throw new IllegalArgumentException("signing credentials '" + credentials.getId()
                    + "' hold a key with a passphrase; commits are signed only with a key that has none");
        }
        List<String> keys = ssh.getPrivateKeys();
        return keys.isEmpty() ? "" : keys.get(0);
    }

    private String openPgpKey() throws IOException {
        if (!(credentials instanceof FileCredentials file)) {
            throw new IllegalArgumentException("signing credentials '" + credentials.getId()
                    + "' are not a secret file, which signing format openpgp needs (holding an armored OpenPGP private key)");
        }
        try (InputStream content = file.getContent()) {
            return new String(content.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
