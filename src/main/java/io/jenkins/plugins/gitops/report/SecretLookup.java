package io.jenkins.plugins.gitops.report;

import java.util.Optional;

/** Finds the shared report secret of an environment; empty when no such environment is configured. */
@FunctionalInterface
public interface SecretLookup {

    Optional<byte[]> secretFor(String environment);
}
