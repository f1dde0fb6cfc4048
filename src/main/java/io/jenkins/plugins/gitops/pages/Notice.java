package io.jenkins.plugins.gitops.pages;

import java.io.Serializable;
import java.util.Objects;

/**
 * A one-line message the job page shows once above its cards, for example what a revert did. Serializable, as
 * it waits in the user's HTTP session between the revert and the page.
 *
 * @param text the message, shown as text
 * @param success whether it reports something done (otherwise something that failed)
 */
public record Notice(String text, boolean success) implements Serializable {

    private static final long serialVersionUID = 1L;


    public Notice {
        Objects.requireNonNull(text, "text");
    }
}
