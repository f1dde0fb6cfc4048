package io.jenkins.plugins.gitops.git;

/**
 * A git operation that failed. The message is one line naming the operation and the repository, and
 * never holds a credential.
 */
public final class GitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (for example by exit code). */
    public enum Kind {
        /** The remote refused the credentials, or none were given where some are needed. */
        AUTHENTICATION,
        /** The SSH host key is unknown or changed, or the TLS certificate is not trusted. */
        UNTRUSTED_SERVER,
        /** The repository or the branch does not exist. */
        NOT_FOUND,
        /** The remote could not be reached, or the connection broke or timed out. */
        NETWORK,
        /** The remote refused a push for a reason other than the branch having moved. */
        PUSH_REFUSED,
        /** A branch name or a setting is not valid. */
        INVALID,
        /** Anything else: the local repository could not be written, an unexpected answer. */
        OTHER
    }

    private final Kind kind;

    public GitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
