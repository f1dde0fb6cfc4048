package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How SSH server keys are checked, with OpenSSH's meanings of {@code StrictHostKeyChecking}: the server's key
 * must be listed in {@code knownHosts} ({@link Mode#STRICT}); a host not yet listed is added on first contact
 * while a listed host whose key changed is still refused ({@link Mode#ACCEPT_NEW}); or any key is accepted
 * ({@link Mode#ACCEPT_ANY}).
 */
public record HostKeyChecking(Path knownHosts, Mode mode) {

    public enum Mode {
        STRICT("yes"),
        ACCEPT_NEW("accept-new"),
        ACCEPT_ANY("no");

        private final String openSsh;

        Mode(String openSsh) {
            this.openSsh = openSsh;
        }

        /** The value of OpenSSH's {@code StrictHostKeyChecking} with this meaning. */
        public String openSsh() {
            return openSsh;
        }
    }

    public HostKeyChecking {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(mode, "mode");
    }

    /** Only hosts listed in the file are trusted ({@code StrictHostKeyChecking yes}). */
    public static HostKeyChecking strict(Path knownHosts) {
        return new HostKeyChecking(knownHosts, Mode.STRICT);
    }

    /** Unknown hosts are added to the file on first contact ({@code StrictHostKeyChecking accept-new}). */
    public static HostKeyChecking acceptNew(Path knownHosts) {
        return new HostKeyChecking(knownHosts, Mode.ACCEPT_NEW);
    }

    /** Whether the file must exist before the first connection. */
    boolean needsKnownHosts() {
        return mode == Mode.STRICT;
    }
}
