package io.jenkins.plugins.gitops.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of RFC 8288 {@code Link} headers, which paginated tag lists send. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {}

    /** The next page, resolved against the URI of the page that sent the headers. */
    static Optional<URI> next(URI page, List<String> headers) {
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = NEXT.matcher(link.group(2));
                while (rel.find()) {
                    if (List.of(rel.group(1).trim().split("\\s+")).contains("next")) {
                        return Optional.of(page.resolve(link.group(1)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
