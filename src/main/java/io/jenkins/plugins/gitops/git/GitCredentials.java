package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** How to authenticate to a config repository. No variant shows its secret in {@code toString}. */
public sealed interface GitCredentials {

    /** Anonymous access: {@code file://}, {@code git://}, or public HTTPS. */
    static GitCredentials none() {
        return None.INSTANCE;
    }

    /** HTTPS basic authentication with a user name and a password or access token. */
    static GitCredentials usernameToken(String username, String token) {
        return new UsernameToken(username, token);
    }

    /** SSH public key authentication with an OpenSSH private key file (ed25519, ECDSA or RSA). */
    static GitCredentials sshKey(Path privateKey, String passphrase, HostKeyChecking hostKeys) {
        return new SshKey(privateKey, passphrase, hostKeys);
    }

    /**
     * SSH public key authentication with a private key held as text, as a credentials store holds it. JGit reads
     * keys from files, so the key is written to {@code directory}, readable by its owner only; the caller deletes
     * the directory afterwards.
     */
    static GitCredentials sshKeyText(String privateKey, String passphrase, HostKeyChecking hostKeys, Path directory)
            throws IOException {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException("the SSH private key is empty");
        }
        return sshKey(OwnerOnlyFile.write(directory.resolve("identity"), privateKey), passphrase, hostKeys);
    }

    enum None implements GitCredentials {
        INSTANCE
    }

    record UsernameToken(String username, String token) implements GitCredentials {
        public UsernameToken {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("HTTPS credentials need a user name");
            }
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("HTTPS credentials for user '" + username + "' need a password or token");
            }
        }

        @Override
        public String toString() {
            return "UsernameToken[username=" + username + ", token=****]";
        }
    }

    /** @param passphrase {@code null} for an unencrypted key */
    record SshKey(Path privateKey, String passphrase, HostKeyChecking hostKeys) implements GitCredentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(hostKeys, "hostKeys");
        }

        @Override
        public String toString() {
            return "SshKey[privateKey=" + privateKey + ", passphrase=" + (passphrase == null ? "none" : "****")
                    + ", hostKeys=" + hostKeys + "]";
        }
    }
}
