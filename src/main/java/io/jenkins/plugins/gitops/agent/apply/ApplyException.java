package io.jenkins.plugins.gitops.agent.apply;

/** An apply that could not run at all (the inventory could not be read or written); one line. */
public class ApplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
