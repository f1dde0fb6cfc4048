package io.jenkins.plugins.gitops.environment;

import java.util.List;
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
    PATH("path", EnvironmentField::pathProblem),
    SIGNING_CREDENTIALS_ID("signingCredentialsId", id -> Optional.empty()),
    SIGNING_FORMAT("signingFormat", EnvironmentField::signingFormatProblem);

    /** The signature formats commits can be signed in, as {@code gpg.format} spells them. */
    public static final List<String> SIGNING_FORMATS = List.of("ssh", "openpgp");

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

    private static Optional<String> signingFormatProblem(String format) {
        return format.isEmpty() || SIGNING_FORMATS.contains(format) ? Optional.empty()
                : Optional.of("signing format '" + format + "' is not one of " + String.join(", ", SIGNING_FORMATS));
    }

    /**
     * A signing credential and its format go together: one without the other is a mistake, not a choice.
     *
     * @return the problems, none when both are set (and the format is valid) or neither is
     */
    static List<FieldProblem> signingProblems(String credentialsId, String format) {
        String id = SIGNING_CREDENTIALS_ID.normalise(credentialsId);
        String written = SIGNING_FORMAT.normalise(format);
        Optional<String> formatProblem = SIGNING_FORMAT.problemWith(written);
        if (formatProblem.isPresent()) {
            return List.of(new FieldProblem(SIGNING_FORMAT, formatProblem.get()));
        }
        if (!id.isEmpty() && written.isEmpty()) {
            return List.of(new FieldProblem(SIGNING_FORMAT, "signing credential '" + id + "' needs a signing format, one of "
                    + String.join(", ", SIGNING_FORMATS)));
        }
        if (id.isEmpty() && !written.isEmpty()) {
            return List.of(new FieldProblem(SIGNING_CREDENTIALS_ID, "signing format '" + written
                    + "' needs a signing credential: an SSH private key for ssh, a secret file with an armored OpenPGP"
                    + " private key for openpgp"));
        }
        return List.of();
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
