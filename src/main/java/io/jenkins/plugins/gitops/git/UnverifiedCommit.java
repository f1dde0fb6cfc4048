package io.jenkins.plugins.gitops.git;

import java.util.Objects;

/**
 * A commit that does not carry a good signature by a trusted key.
 *
 * @param commit the full commit id
 * @param author {@code Name <email>} as the commit claims it (unproven, since the signature is what would prove it)
 * @param reason {@code no signature}, {@code signed by an untrusted key ...}, {@code bad signature ...}, or
 *     {@code signed by an expired key ...}: one line
 */
public record UnverifiedCommit(String commit, String author, String reason) {

    public UnverifiedCommit {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code commit 1a2b3c4 (Alice <alice@example.com>): no signature}. */
    @Override
    public String toString() {
        return "commit " + commit.substring(0, Math.min(7, commit.length())) + " (" + author + "): " + reason;
    }
}
