package io.jenkins.plugins.gitops.git;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which TLS server certificates HTTPS remotes may present: those the JVM trusts, and optionally the
 * certificates in a PEM file (a private certificate authority, or a self-signed server certificate).
 * Git's {@code http.sslCAInfo} and {@code GIT_SSL_CAINFO} are not consulted: the trust is stated here.
 */
public record HttpsTrust(Optional<Path> extraCertificates) {

    public static final HttpsTrust SYSTEM = new HttpsTrust(Optional.empty());

    /** The JVM's trusted certificates plus those in {@code pemFile}. */
    public static HttpsTrust systemAnd(Path pemFile) {
        return new HttpsTrust(Optional.of(pemFile));
    }
}
