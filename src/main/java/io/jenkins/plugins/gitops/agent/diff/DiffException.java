package io.jenkins.plugins.gitops.agent.diff;

/** The cluster could not be compared; the message is one line naming what could not be read, with no object content. */
public final class DiffException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DiffException(String message, Throwable cause) {
        super(message, cause);
    }
}
