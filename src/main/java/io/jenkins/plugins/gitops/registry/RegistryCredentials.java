package io.jenkins.plugins.gitops.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A registry user name and password (or token), or none for anonymous pulls. The password never appears in
 * {@link #toString()}, so a credential that ends up in a message or log line shows only the user.
 */
public record RegistryCredentials(String username, String password) {

    private static final RegistryCredentials ANONYMOUS = new RegistryCredentials("", "");

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static RegistryCredentials anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty();
    }

    /** The value of an {@code Authorization: Basic} header for these credentials. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : "user '" + username + "'";
    }
}
