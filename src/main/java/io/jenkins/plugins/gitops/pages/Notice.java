package io.jenkins.plugins.gitops.pages;

import java.io.Serializable;
import java.util.Objects;

/**
 * A one-line message the job page shows above its cards, for example what a revert did. Serializable, as it
 * waits in the user's HTTP session between the revert and the page.
 *
 * @param text the message, shown as text
 * @param success whether it reports something done (otherwise something that failed or is not done yet)
 * @param poll where the page asks, every two seconds, for the notice that replaces this one (a revert still
 *     running); {@code null} when this notice is final
 */
public record Notice(String text, boolean success, String poll) implements Serializable {

    private static final long serialVersionUID = 2L;

    public Notice {
        Objects.requireNonNull(text, "text");
    }

    /** A final notice. */
    public Notice(String text, boolean success) {
        this(text, success, null);
    }
}
