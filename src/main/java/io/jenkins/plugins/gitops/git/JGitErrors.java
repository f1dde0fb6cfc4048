package io.jenkins.plugins.gitops.git;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Turns JGit failures into one-line {@link GitException}s that name the operation and the repository,
 * with every credential removed.
 */
final class JGitErrors {

    private final String displayUrl;
    private final List<String> secrets;
    private final String refusedCredentials;

    /**
     * @param secrets texts that must never appear in a message
     * @param refusedCredentials what to blame when authentication fails, e.g. {@code "the SSH key was refused"}
     */
    JGitErrors(String displayUrl, List<String> secrets, String refusedCredentials) {
        this.displayUrl = displayUrl;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.refusedCredentials = refusedCredentials;
    }

    /** @param operation what was being done, read before the URL: {@code "fetch branch 'main' of"} */
    GitException translate(String operation, Throwable failure) {
        if (failure instanceof GitException known) {
            return known;
        }
        GitException.Kind kind = classify(failure);
        String reason = switch (kind) {
            case AUTHENTICATION -> "authentication failed: " + refusedCredentials;
            case UNTRUSTED_SERVER -> "the server is not trusted: " + detail(failure);
            case NOT_FOUND -> "repository not found: " + detail(failure);
            case NETWORK -> "cannot reach the server: " + detail(failure);
            default -> detail(failure);
        };
        return new GitException(kind, "cannot " + operation + " " + displayUrl + ": " + reason);
    }

    /** A push's outcome for one branch: pushed, rejected because the branch moved, or a failure. */
    PushResult outcome(String branch, RemoteRefUpdate.Status status, String message) {
        return switch (status) {
            case OK, UP_TO_DATE -> PushResult.PUSHED;
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> PushResult.REJECTED_NON_FAST_FORWARD;
            case REJECTED_OTHER_REASON -> {
                if (lostRace(message)) {
                    yield PushResult.REJECTED_NON_FAST_FORWARD;
                }
                throw new GitException(GitException.Kind.PUSH_REFUSED,
                        "the push to branch '" + branch + "' of " + displayUrl + " was refused: " + oneLine(scrub(String.valueOf(message))));
            }
            default -> throw new GitException(GitException.Kind.PUSH_REFUSED,
                    "the push to branch '" + branch + "' of " + displayUrl + " was refused: " + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        };
    }

    /** Removes credentials from a text. */
    String scrub(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    /** A failure's message without the repository address, which the caller's message already names. */
    private String withoutAddress(String text) {
        String result = scrub(text).replace(displayUrl + ": ", "");
        return result.startsWith(displayUrl) ? result.substring(displayUrl.length()).strip() : result;
    }

    /**
     * Another push updated the branch between our ref advertisement and our update: git reports a ref
     * lock or old-value mismatch instead of a non-fast-forward.
     */
    private static boolean lostRace(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("failed to update ref") || m.contains("failed to lock") || m.contains("cannot lock ref")
                || m.contains("lock error") || m.contains("fetch first") || m.contains("non-fast-forward")
                || m.contains("but expected") || m.contains("stale info");
    }

    private static GitException.Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("not authorized") || m.contains("authentication is required") || m.contains("auth fail")
                    || m.contains("authentication failed") || m.contains("no more authentication methods")
                    || m.contains("permission denied") || m.contains("no credentialsprovider")
                    || m.contains("cannot log in") || m.contains("could not authenticate")) {
                return GitException.Kind.AUTHENTICATION;
            }
            if (t instanceof SSLException || m.contains("server key did not validate") || m.contains("host key")
                    || m.contains("known_hosts") || m.contains("certification path") || m.contains("pkix")) {
                return GitException.Kind.UNTRUSTED_SERVER;
            }
            if (t instanceof NoRemoteRepositoryException || m.contains("repository not found")
                    || m.contains("not a git repository") || m.contains("does not appear to be a git repository")
                    || m.contains("no such repository")
                    || m.contains("not found")) {
                return GitException.Kind.NOT_FOUND;
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || m.contains("connection refused") || m.contains("timed out")
                    || m.contains("timeout") || m.contains("connection reset") || m.contains("unknown host")) {
                return GitException.Kind.NETWORK;
            }
        }
        return GitException.Kind.OTHER;
    }

    /** The innermost message that says something, scrubbed, on one line. */
    private String detail(Throwable failure) {
        String detail = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                detail = t.getMessage();
            }
        }
        return detail == null ? failure.getClass().getSimpleName() : oneLine(withoutAddress(detail));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
