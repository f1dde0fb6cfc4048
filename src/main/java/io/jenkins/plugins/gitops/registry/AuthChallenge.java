package io.jenkins.plugins.gitops.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge (RFC 7235) as registries send it: {@code Basic realm="..."} or
 * {@code Bearer realm="https://auth.example.com/token",service="registry",scope="repository:shop/web:pull"}.
 *
 * @param scheme the scheme in lower case: {@code basic} or {@code bearer}
 * @param parameters the auth parameters with lower-case names, values unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    private static final Pattern SCHEME = Pattern.compile("\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*");
    private static final Pattern PARAMETER = Pattern.compile(
            "\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))\\s*,?");

    public AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    /** The challenge of a header value, empty when the value is not one. */
    public static Optional<AuthChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher scheme = SCHEME.matcher(header);
        if (!scheme.lookingAt()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(header);
        int position = scheme.end();
        while (position < header.length() && parameter.find(position) && parameter.start() == position) {
            String value = parameter.group(2) != null ? parameter.group(2).replaceAll("\\\\(.)", "$1") : parameter.group(3);
            parameters.put(parameter.group(1).toLowerCase(Locale.ROOT), value);
            position = parameter.end();
        }
        return Optional.of(new AuthChallenge(scheme.group(1).toLowerCase(Locale.ROOT), parameters));
    }

    public String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }
}
