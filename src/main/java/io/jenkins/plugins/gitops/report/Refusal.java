package io.jenkins.plugins.gitops.report;

import java.util.Objects;

/**
 * The branch tip the agent refused to apply, and why: it stays refused until a new commit comes.
 *
 * @param revision the full commit id of the refused tip
 * @param reason one line, as the agent's condition says it (for an unsigned commit: the commit, its author and
 *     "no signature", "signed by an untrusted key" or "bad signature")
 */
public record Refusal(String revision, String reason) {

    public Refusal {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(reason, "reason");
    }
}
