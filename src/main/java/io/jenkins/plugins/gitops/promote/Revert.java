package io.jenkins.plugins.gitops.promote;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to revert one promotion commit of an environment on the environment's branch. Invalid requests
 * are refused when built, with a one-line reason.
 *
 * @param repository the config repository's URL
 * @param branch the environment's branch, which the promotion went to and the revert goes to
 * @param environment the environment's name: only a promotion to it is reverted
 * @param commit the promotion commit, 7 to 40 hexadecimal digits, kept in lower case
 * @param requester who asked
 */
public record Revert(String repository, String branch, String environment, String commit, RevertRequester requester) {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{7,40}");

    /** Longest part of a refused value that a message repeats. */
    private static final int SHOWN = 60;

    public Revert {
        Promotion.requireOneLine("repository", repository);
        PullRequest.requireBranchName(branch);
        Promotion.requireOneLine("environment", environment);
        commit = commitId(commit);
        Objects.requireNonNull(requester, "requester");
    }

    /**
     * @return the commit id in lower case
     * @throws IllegalArgumentException naming the value when it is not 7 to 40 hexadecimal digits (a branch name,
     *     {@code HEAD~1} or a path is never taken for a commit)
     */
    public static String commitId(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("commit must not be empty");
        }
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (!COMMIT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("commit '" + shown(value) + "' is not a commit id: give 7 to 40 hexadecimal digits");
        }
        return id;
    }

    /** A value from outside, safe to repeat in a one-line message: control characters replaced, length capped. */
    static String shown(String value) {
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= SHOWN ? printable : printable.substring(0, SHOWN) + "...";
    }
}
