package io.jenkins.plugins.gitops.pages;

import java.util.Objects;

/**
 * Jenkins' CSRF crumb for the current session, which the job page sends with every form it posts.
 *
 * @param field the request field the crumb issuer reads, for example {@code Jenkins-Crumb}
 * @param value the crumb
 */
public record Crumb(String field, String value) {

    public Crumb {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }
}
