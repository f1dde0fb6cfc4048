package io.jenkins.plugins.gitops.promote;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who asked for a revert and from where, recorded in the revert commit's trailers: a person on a job's
 * GitOps page, or a build of a job.
 *
 * @param user the person's user id, when a person asked
 * @param job the job's full name, for example {@code web/main}
 * @param buildNumber the build that asked, when a build did
 * @param buildUrl that build's absolute URL, when known
 */
public record RevertRequester(Optional<String> user, String job, OptionalInt buildNumber, Optional<String> buildUrl) {

    public RevertRequester {
        user.ifPresent(name -> Promotion.requireOneLine("user", name));
        Promotion.requireOneLine("job", job);
        buildNumber.ifPresent(number -> {
            if (number < 1) {
                throw new IllegalArgumentException("build number " + number + " must be positive");
            }
        });
        buildUrl.ifPresent(url -> Promotion.requireOneLine("build URL", url));
    }

    /** A person on the job's page. */
    public static RevertRequester person(String user, String job) {
        return new RevertRequester(Optional.of(user), job, OptionalInt.empty(), Optional.empty());
    }

    /** A build, as a promotion names it. */
    public static RevertRequester build(Provenance build) {
        return new RevertRequester(Optional.empty(), build.job(), OptionalInt.of(build.buildNumber()), build.buildUrl());
    }

    /** The job, and the build when a build asked: {@code web/main #43}. */
    String origin() {
        return buildNumber.isPresent() ? job + " #" + buildNumber.getAsInt() : job;
    }
}
