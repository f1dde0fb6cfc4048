package io.jenkins.plugins.gitops.registry;

import java.io.IOException;

/** A registry could not be read; the message is one line naming the registry, the repository and what went wrong. */
public final class RegistryException extends IOException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
