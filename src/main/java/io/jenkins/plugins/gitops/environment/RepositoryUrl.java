package io.jenkins.plugins.gitops.environment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository URLs git itself accepts for a remote config repository: {@code https}, {@code http},
 * {@code ssh}, {@code git} and {@code file} URLs, and the scp-like {@code user@host:path}. A password inside
 * the URL is refused: it would be stored in plain text in the configuration and shown wherever the URL is.
 */
final class RepositoryUrl {

    private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    /** {@code [user@]host:path}, where git reads it as scp-like: no '/' before the first ':'. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/]+)@)?([^@/:\\[]+|\\[[0-9A-Fa-f:.]+]):(.*)$");

    private static final Pattern PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)?([^@/]*?):[^@/]*@");

    private static final String PASSWORD_PROBLEM = "repository URL embeds a password, which would be stored and shown"
            + " in plain text; remove it and choose Git credentials instead";

    private RepositoryUrl() {}

    static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("repository URL must not be empty");
        }
        if (url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("repository URL must not contain spaces or control characters");
        }
        Matcher scheme = SCHEME.matcher(url);
        if (scheme.find()) {
            return urlProblem(url, scheme.group(1));
        }
        Matcher scp = SCP_LIKE.matcher(url);
        if (scp.matches()) {
            return scpProblem(url, scp.group(1), scp.group(2), scp.group(3));
        }
        return Optional.of("repository URL " + quoteMasked(url)
                + " is neither an https, http, ssh, git or file URL nor scp-like user@host:path");
    }

    private static Optional<String> urlProblem(String url, String scheme) {
        if (!SCHEMES.contains(scheme)) {
            // git picks a remote helper by the scheme as written: HTTPS:// would need git-remote-HTTPS.
            if (SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return Optional.of("repository URL scheme '" + scheme + "' must be written in lowercase");
            }
            return Optional.of("repository URL scheme '" + scheme + "' is not supported; use https, http, ssh, git or file");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The exception's own message repeats the whole input, which may hold a password.
            return Optional.of("repository URL " + quoteMasked(url) + " is malformed: " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            return Optional.of(PASSWORD_PROBLEM);
        }
        String path = uri.getRawPath();
        if (scheme.equals("file")) {
            return path == null || path.isEmpty() || path.equals("/")
                    ? Optional.of("repository URL " + quoteMasked(url) + " needs an absolute path, like file:///srv/git/config.git")
                    : Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.of("repository URL " + quoteMasked(url) + " has no valid host");
        }
        if (path == null || path.isEmpty() || path.equals("/")) {
            return Optional.of("repository URL " + quoteMasked(url) + " names no repository after the host");
        }
        return Optional.empty();
    }

    private static Optional<String> scpProblem(String url, String user, String host, String path) {
        if (user != null && user.contains(":")) {
            return Optional.of(PASSWORD_PROBLEM);
        }
        if (user == null && SCHEMES.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of("repository URL " + Text.quote(url) + " lacks '//' after '" + host + ":'");
        }
        if (path.isEmpty()) {
            return Optional.of("repository URL " + Text.quote(url) + " names no repository after ':'");
        }
        return Optional.empty();
    }

    /** The URL as it may be shown: any password replaced by {@code ***}. */
    private static String quoteMasked(String url) {
        return Text.quote(PASSWORD.matcher(url).replaceFirst("$1$2:***@"));
    }
}
