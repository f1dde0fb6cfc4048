package io.jenkins.plugins.gitops.environment;

import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of an environment that can be wrong, each with its rule. {@link #formName()} is the name the
 * setting has in forms and in Configuration as Code, so a problem can point at the field a person filled in.
 */
public enum EnvironmentField {
    NAME("name", EnvironmentName::problem),
    REPOSITORY_URL("repositoryUrl", RepositoryUrl::problem),
    BRANCH("branch", BranchName::problem),
    PATH("path", EnvironmentField::pathProblem);

    private final String formName;
    private final Function<String, Optional<String>> rule;

    EnvironmentField(String formName, Function<String, Optional<String>> rule) {
        this.formName = formName;
        this.rule = rule;
    }

    public String formName() {
        return formName;
    }

    /** The one-line problem with a value as a person typed it, or empty when the value is fine. */
    public Optional<String> problemWith(String value) {
        return rule.apply(normalise(value));
    }

    /** Surrounding spaces do not count; a blank branch means {@link Environment#DEFAULT_BRANCH}. */
    String normalise(String value) {
        String stripped = value == null ? "" : value.strip();
        return this == BRANCH && stripped.isEmpty() ? Environment.DEFAULT_BRANCH : stripped;
    }

    private static Optional<String> pathProblem(String path) {
        try {
            RepositoryPath.parse(path);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
