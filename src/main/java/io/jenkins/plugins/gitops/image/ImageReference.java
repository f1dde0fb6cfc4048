package io.jenkins.plugins.gitops.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI image reference as a person writes it: {@code [registry/]path[:tag][@digest]}, following the
 * grammar of the distribution project's reference package and the OCI image specification for digests.
 * The parts are kept as written so that {@link #toString()} gives back the input; {@link #repository()}
 * is the normalised form Docker uses, under which {@code nginx}, {@code library/nginx} and
 * {@code docker.io/library/nginx} are one repository.
 *
 * @param registry the registry host (and port) as written, {@code ""} when the reference names none
 * @param path the repository path inside the registry as written, for example {@code acme/web}
 * @param tag the tag, {@code ""} when there is none
 * @param digest the digest {@code algorithm:encoded}, {@code ""} when there is none
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    /** Where a reference without a registry is pulled from. */
    public static final String DOCKER_HUB = "docker.io";

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final int MAX_NAME_LENGTH = 255;

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DIGEST_ALGORITHM = Pattern.compile("[a-z0-9]+([+._-][a-z0-9]+)*");
    private static final Pattern DIGEST_ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException with a one-line message naming the input and what is wrong with it
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("image reference is empty");
        }
        String quoted = "image reference '" + text + "' ";
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(quoted + "contains whitespace or control characters");
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException(quoted + "must not start with a URL scheme such as 'https://'");
        }
        String rest = text;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkDigest(quoted, digest);
        }
        String registry = "";
        int slash = rest.indexOf('/');
        if (slash >= 0 && isRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            checkRegistry(quoted, registry);
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(quoted, tag);
        }
        checkPath(quoted, rest);
        int nameLength = registry.isEmpty() ? rest.length() : registry.length() + 1 + rest.length();
        if (nameLength > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    quoted + "has a name of " + nameLength + " characters, more than " + MAX_NAME_LENGTH);
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Docker's rule: the first component names a registry when it has a dot, a port, an upper-case letter, or is localhost. */
    private static boolean isRegistry(String first) {
        return first.indexOf('.') >= 0
                || first.indexOf(':') >= 0
                || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static void checkRegistry(String quoted, String registry) {
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon >= 0 && !registry.endsWith("]")) {
            host = registry.substring(0, colon);
            String port = registry.substring(colon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(
                        quoted + "has registry port '" + port + "', expected a number up to 65535");
            }
        }
        if (IPV6.matcher(host).matches()) {
            return;
        }
        for (String component : host.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException(quoted + "has registry host '" + host
                        + "' that is not a host name (letters, digits and inner '-' between dots)");
            }
        }
    }

    private static void checkPath(String quoted, String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException(quoted + "has no repository path");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new IllegalArgumentException(quoted + "has an empty path component in '" + path + "'");
            }
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(quoted + "has path component '" + component + "' that is not lower case");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException(quoted + "has path component '" + component
                        + "': use lower-case letters and digits, separated by '.', '_', '__' or dashes");
            }
        }
    }

    private static void checkTag(String quoted, String tag) {
        if (tag.isEmpty()) {
            throw new IllegalArgumentException(quoted + "has an empty tag after ':'");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException(quoted + "has tag '" + tag
                    + "': a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'");
        }
    }

    private static void checkDigest(String quoted, String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(quoted + "has digest '" + digest + "', expected algorithm:hex after '@'");
        }
        String algorithm = digest.substring(0, colon);
        String encoded = digest.substring(colon + 1);
        if (!DIGEST_ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException(quoted + "has digest algorithm '" + algorithm
                    + "', expected lower-case letters and digits such as sha256");
        }
        Pattern hex = switch (algorithm) {
            case "sha256" -> SHA256_HEX;
            case "sha512" -> SHA512_HEX;
            default -> DIGEST_ENCODED;
        };
        if (!hex.matcher(encoded).matches()) {
            String expected = switch (algorithm) {
                case "sha256" -> "64 lower-case hex characters";
                case "sha512" -> "128 lower-case hex characters";
                default -> "letters, digits, '=', '_' or '-'";
            };
            throw new IllegalArgumentException(quoted + "has " + algorithm + " digest of " + encoded.length()
                    + " characters '" + encoded + "', expected " + expected);
        }
    }

    /** The registry the image is pulled from: {@code docker.io} when none is written, host names in lower case. */
    public String domain() {
        if (registry.isEmpty()) {
            return DOCKER_HUB;
        }
        String domain = registry.toLowerCase(Locale.ROOT);
        return domain.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : domain;
    }

    /** The normalised repository: {@code docker.io/library/nginx} for {@code nginx}, {@code docker.io/acme/web} for {@code acme/web}. */
    public String repository() {
        String domain = domain();
        if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            return domain + "/library/" + path;
        }
        return domain + "/" + path;
    }

    /** The name as written, without tag and digest: {@code nginx}, {@code localhost:5000/acme/web}. */
    public String name() {
        return registry.isEmpty() ? path : registry + "/" + path;
    }

    public boolean hasTag() {
        return !tag.isEmpty();
    }

    public boolean hasDigest() {
        return !digest.isEmpty();
    }

    /** What follows the name: {@code :1.4.2}, {@code @sha256:…}, both, or {@code ""}. */
    public String version() {
        return (hasTag() ? ":" + tag : "") + (hasDigest() ? "@" + digest : "");
    }

    /** Whether both name the same repository once normalised; tags and digests do not matter. */
    public boolean sameRepository(ImageReference other) {
        return repository().equals(other.repository());
    }

    /** The reference as written. */
    @Override
    public String toString() {
        return name() + version();
    }
}
