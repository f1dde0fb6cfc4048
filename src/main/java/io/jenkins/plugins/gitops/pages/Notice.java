package io.jenkins.plugins.gitops.pages;

import java.util.Objects;

/**
 * A one-line message the job page shows once above its cards, for example what a revert did.
 *
 * @param text the message, shown as text
 * @param success whether it reports something done (otherwise something that failed)
 */
public record Notice(String text, boolean success) {

    public Notice {
        Objects.requireNonNull(text, "text");
    }
}
