package io.jenkins.plugins.gitops.promote;

import java.util.Objects;

/**
 * Which credentials the job page's "Revert this promotion" pushes with. The environment names their id; they are
 * looked up in the context of the job, first with the authentication of the user who asked, which finds the
 * credentials they keep for themselves, then with the authentication the job's builds run as, which finds those
 * the job's builds may use. Someone who may build the job can have a build push with the latter anyway, so the
 * revert lets them do no more than that; a credential neither may use is refused in one line.
 */
public final class RevertCredentials {

    /** Whose authentication a lookup uses. */
    public enum As {
        /** The user who asked for the revert. */
        USER,
        /** The job's builds, as Jenkins authorises them. */
        JOB_BUILDS
    }

    /** Looks up credentials by id in the job's context with the given authentication; {@code null} when none. */
    @FunctionalInterface
    public interface Lookup<C> {
        C find(String id, As as);
    }

    /** The credentials found and whose authentication found them. */
    public record Found<C>(C credentials, As as) {

        public Found {
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    private RevertCredentials() {}

    /**
     * @throws IllegalArgumentException naming the id, the user and the job, when neither lookup finds them
     */
    public static <C> Found<C> find(String id, String user, String job, Lookup<C> lookup) {
        for (As as : As.values()) {
            C credentials = lookup.find(id, as);
            if (credentials != null) {
                return new Found<>(credentials, as);
            }
        }
        throw new IllegalArgumentException("no credentials with id '" + id + "' are available to " + user
                + " or to the builds of " + job);
    }
}
