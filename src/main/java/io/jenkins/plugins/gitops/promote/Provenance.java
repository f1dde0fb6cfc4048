package io.jenkins.plugins.gitops.promote;

import java.util.Optional;

/**
 * The build that asked for a promotion, recorded in the commit's {@code Promoted-By} and
 * {@code Build-Url} trailers.
 *
 * @param job the job's full name, for example {@code web/main}
 * @param buildUrl the build's absolute URL, when known
 */
public record Provenance(String job, int buildNumber, Optional<String> buildUrl) {

    public Provenance {
        Promotion.requireOneLine("job", job);
        if (buildNumber < 1) {
            throw new IllegalArgumentException("build number " + buildNumber + " must be positive");
        }
        buildUrl.ifPresent(url -> Promotion.requireOneLine("build URL", url));
    }

    public static Provenance of(String job, int buildNumber, String buildUrl) {
        return new Provenance(job, buildNumber, Optional.ofNullable(buildUrl).filter(url -> !url.isBlank()));
    }
}
