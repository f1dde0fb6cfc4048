package io.jenkins.plugins.gitops.environment;

/** What is wrong with one setting, as one line a person can act on. */
public record FieldProblem(EnvironmentField field, String message) {

    @Override
    public String toString() {
        return field.formName() + ": " + message;
    }
}
