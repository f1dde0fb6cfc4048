package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The git client plugin's SSH host key verification strategies, so that what JGit does here checks server keys
 * as the git client does for promotions: {@code ~/.ssh/known_hosts} only, accepting a first connection into it,
 * keys an administrator pasted in, or no check at all.
 */
public sealed interface HostKeyStrategy {

    /** The checking for one session; a file it needs is written under {@code scratch}, which the caller deletes. */
    HostKeyChecking checking(Path scratch) throws IOException;

    /** Only hosts listed in the known hosts file. */
    record KnownHostsFile(Path knownHosts) implements HostKeyStrategy {

        public KnownHostsFile {
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        @Override
        public HostKeyChecking checking(Path scratch) {
            return HostKeyChecking.strict(knownHosts);
        }
    }

    /** A host not yet listed is added to the known hosts file on first contact; a changed key is refused. */
    record AcceptFirstConnection(Path knownHosts) implements HostKeyStrategy {

        public AcceptFirstConnection {
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        @Override
        public HostKeyChecking checking(Path scratch) {
            return HostKeyChecking.acceptNew(knownHosts);
        }
    }

    /** Only the keys given, in known_hosts format. */
    record ManuallyProvided(String approvedHostKeys) implements HostKeyStrategy {

        public ManuallyProvided {
            Objects.requireNonNull(approvedHostKeys, "approvedHostKeys");
        }

        @Override
        public HostKeyChecking checking(Path scratch) throws IOException {
            Files.createDirectories(scratch);
            return HostKeyChecking.strict(Files.writeString(scratch.resolve("approved_host_keys"), approvedHostKeys.strip() + "\n"));
        }
    }

    /** Any server key; what the session sees is forgotten with the scratch directory. */
    record NoVerification() implements HostKeyStrategy {

        @Override
        public HostKeyChecking checking(Path scratch) throws IOException {
            Files.createDirectories(scratch);
            return new HostKeyChecking(scratch.resolve("unverified_known_hosts"), HostKeyChecking.Mode.ACCEPT_ANY);
        }
    }
}
