package io.jenkins.plugins.gitops.git;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH sessions that authenticate with exactly one key file and check server keys against exactly one
 * known_hosts file, as {@link HostKeyChecking} says. The user's {@code ~/.ssh/config}, default keys and SSH agent are not consulted,
 * so a promotion behaves the same on every machine.
 */
final class SshSessions {

    private SshSessions() {}

    static SshdSessionFactory create(GitCredentials.SshKey key) {
        Path identity = key.privateKey().toAbsolutePath();
        if (!Files.isReadable(identity)) {
            throw new GitException(GitException.Kind.INVALID, "the SSH private key file " + identity + " cannot be read");
        }
        if (key.hostKeys().needsKnownHosts() && !Files.isReadable(key.hostKeys().knownHosts())) {
            throw new GitException(GitException.Kind.INVALID, "the known hosts file " + key.hostKeys().knownHosts() + " cannot be read");
        }
        File home = new File(System.getProperty("user.home"));
        Path knownHosts = key.hostKeys().knownHosts().toAbsolutePath();
        SshConfigStore.HostConfig config = new FixedHostConfig(Map.of(
                SshConstants.STRICT_HOST_KEY_CHECKING, key.hostKeys().mode().openSsh(),
                SshConstants.USER_KNOWN_HOSTS_FILE, knownHosts.toString(),
                SshConstants.GLOBAL_KNOWN_HOSTS_FILE, knownHosts.toString(),
                SshConstants.IDENTITY_FILE, identity.toString(),
                SshConstants.IDENTITIES_ONLY, "yes",
                SshConstants.BATCH_MODE, "yes",
                SshConstants.HASH_KNOWN_HOSTS, "no",
                SshConstants.PREFERRED_AUTHENTICATIONS, "publickey",
                SshConstants.NUMBER_OF_PASSWORD_PROMPTS, "1"));
        SshConfigStore store = new SshConfigStore() {
            @Override
            public HostConfig lookup(String hostName, int port, String userName) {
                return config;
            }

            @Override
            public HostConfig lookupDefault(String hostName, int port, String userName) {
                return config;
            }
        };
        return new SshdSessionFactoryBuilder()
                .setPreferredAuthentications("publickey")
                .setConfigStoreFactory((homeDirectory, configFile, localUser) -> store)
                .setDefaultIdentities(sshDirectory -> List.of(identity))
                .setDefaultKnownHostsFiles(sshDirectory -> List.of(knownHosts))
                .setKeyPasswordProvider(provider -> new FixedPassphrase(key))
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .build(new JGitKeyCache());
    }

    private record FixedHostConfig(Map<String, String> options) implements SshConfigStore.HostConfig {
        @Override
        public String getValue(String key) {
            return options.get(key);
        }

        @Override
        public List<String> getValues(String key) {
            String value = options.get(key);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public Map<String, String> getOptions() {
            return options;
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            return Map.of(
                    SshConstants.IDENTITY_FILE, List.of(options.get(SshConstants.IDENTITY_FILE)),
                    SshConstants.USER_KNOWN_HOSTS_FILE, List.of(options.get(SshConstants.USER_KNOWN_HOSTS_FILE)),
                    SshConstants.GLOBAL_KNOWN_HOSTS_FILE, List.of(options.get(SshConstants.GLOBAL_KNOWN_HOSTS_FILE)));
        }
    }

    /** The configured passphrase, offered once: a wrong one fails instead of prompting. */
    private static final class FixedPassphrase implements KeyPasswordProvider {
        private final GitCredentials.SshKey key;

        FixedPassphrase(GitCredentials.SshKey key) {
            this.key = key;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) {
            return attempt == 0 && key.passphrase() != null ? key.passphrase().toCharArray() : null;
        }

        @Override
        public void setAttempts(int maxNumberOfAttempts) {
            // One attempt only, whatever the session asks for.
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false;
        }
    }
}
