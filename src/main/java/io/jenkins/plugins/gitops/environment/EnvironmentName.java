package io.jenkins.plugins.gitops.environment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Environment names appear in URLs ({@code /gitops/<name>}), in report headers and in branch names
 * ({@code gitops/<name>/...}), so they follow the one format that is safe in all three: a DNS label.
 */
public final class EnvironmentName {

    static final int MAX_LENGTH = 63;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private EnvironmentName() {}

    /** What is wrong with {@code name} as an environment name, in one line; empty when nothing is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("name " + Text.quote(name) + " is " + name.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return Optional.of("name " + Text.quote(name)
                    + " must use only lowercase letters, digits and '-', and start and end with a letter or digit");
        }
        return Optional.empty();
    }
}
