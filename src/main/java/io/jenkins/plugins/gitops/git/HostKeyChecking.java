package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How SSH server keys are checked, with OpenSSH's meanings: the server's key must be listed in
 * {@code knownHosts}; with {@code acceptNew}, a host not yet listed is added on first contact (a
 * listed host whose key changed is still refused).
 */
public record HostKeyChecking(Path knownHosts, boolean acceptNew) {

    public HostKeyChecking {
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** Only hosts listed in the file are trusted ({@code StrictHostKeyChecking yes}). */
    public static HostKeyChecking strict(Path knownHosts) {
        return new HostKeyChecking(knownHosts, false);
    }

    /** Unknown hosts are added to the file on first contact ({@code StrictHostKeyChecking accept-new}). */
    public static HostKeyChecking acceptNew(Path knownHosts) {
        return new HostKeyChecking(knownHosts, true);
    }
}
