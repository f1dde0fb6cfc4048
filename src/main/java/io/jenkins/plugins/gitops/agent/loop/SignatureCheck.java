package io.jenkins.plugins.gitops.agent.loop;

import io.jenkins.plugins.gitops.git.CommitVerifier;
import io.jenkins.plugins.gitops.git.VerifyCommits;
import java.util.Objects;

/**
 * Which commits of a new revision must be signed by a trusted key before the loop applies it.
 *
 * @param mode off, the tip, or every new commit
 * @param verifier the trusted keys; null when the mode is off
 */
public record SignatureCheck(VerifyCommits mode, CommitVerifier verifier) {

    public static final SignatureCheck OFF = new SignatureCheck(VerifyCommits.OFF, null);

    public SignatureCheck {
        Objects.requireNonNull(mode, "mode");
        if (mode != VerifyCommits.OFF) {
            Objects.requireNonNull(verifier, "verifier");
        }
    }
}
