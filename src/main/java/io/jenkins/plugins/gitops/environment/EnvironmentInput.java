package io.jenkins.plugins.gitops.environment;

import java.util.ArrayList;
import java.util.List;

/** The settings of one environment as a person entered them, in a form or in Configuration as Code. */
public record EnvironmentInput(
        String name,
        String repositoryUrl,
        String branch,
        String path,
        String gitCredentialsId,
        String reportSecretCredentialsId,
        String signingCredentialsId,
        String signingFormat) {

    /** Settings that sign nothing. */
    public EnvironmentInput(String name, String repositoryUrl, String branch, String path, String gitCredentialsId,
            String reportSecretCredentialsId) {
        this(name, repositoryUrl, branch, path, gitCredentialsId, reportSecretCredentialsId, null, null);
    }

    /** Every problem with these settings, in the order of the fields; empty when they make an environment. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        check(EnvironmentField.NAME, name, problems);
        check(EnvironmentField.REPOSITORY_URL, repositoryUrl, problems);
        check(EnvironmentField.BRANCH, branch, problems);
        check(EnvironmentField.PATH, path, problems);
        problems.addAll(EnvironmentField.signingProblems(signingCredentialsId, signingFormat));
        return problems;
    }

    /** @throws InvalidEnvironmentException naming every setting that is wrong */
    public Environment toEnvironment() {
        List<FieldProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(problems);
        }
        return new Environment(name, repositoryUrl, branch, RepositoryPath.parse(path), gitCredentialsId,
                reportSecretCredentialsId, signingCredentialsId, signingFormat);
    }

    private static void check(EnvironmentField field, String value, List<FieldProblem> problems) {
        field.problemWith(value).ifPresent(message -> problems.add(new FieldProblem(field, message)));
    }
}
