package io.jenkins.plugins.gitops.environment;

import java.util.ArrayList;
import java.util.List;

/**
 * One deployment target: the config repository branch and directory an agent applies, and the ids (never
 * the values) of the credentials that reach it. An instance is always valid.
 *
 * @param name a DNS label, unique among environments
 * @param repositoryUrl https, http, ssh, git or file URL, or scp-like {@code user@host:path}; never with a password
 * @param branch the branch promotions push to; {@link #DEFAULT_BRANCH} when blank
 * @param path the directory inside the repository that holds this environment's manifests
 * @param gitCredentialsId username/password or SSH key credentials for the repository; null when it needs none
 * @param reportSecretCredentialsId secret text the agent signs its reports with; null when reports are not taken
 * @param signingCredentialsId the key promotion and revert commits are signed with: an SSH private key credential
 *     for {@code ssh}, a secret file holding an armored OpenPGP private key for {@code openpgp}; null when
 *     commits are not signed
 * @param signingFormat one of {@link EnvironmentField#SIGNING_FORMATS}, set exactly when {@code signingCredentialsId} is
 */
public record Environment(
        String name,
        String repositoryUrl,
        String branch,
        RepositoryPath path,
        String gitCredentialsId,
        String reportSecretCredentialsId,
        String signingCredentialsId,
        String signingFormat) {

    public static final String DEFAULT_BRANCH = "main";

    /** An environment whose commits are not signed. */
    public Environment(String name, String repositoryUrl, String branch, RepositoryPath path, String gitCredentialsId,
            String reportSecretCredentialsId) {
        this(name, repositoryUrl, branch, path, gitCredentialsId, reportSecretCredentialsId, null, null);
    }

    /** @throws InvalidEnvironmentException naming every setting that is wrong */
    public Environment {
        name = EnvironmentField.NAME.normalise(name);
        repositoryUrl = EnvironmentField.REPOSITORY_URL.normalise(repositoryUrl);
        branch = EnvironmentField.BRANCH.normalise(branch);
        path = path == null ? RepositoryPath.ROOT : path;
        gitCredentialsId = blankToNull(gitCredentialsId);
        reportSecretCredentialsId = blankToNull(reportSecretCredentialsId);
        signingCredentialsId = blankToNull(signingCredentialsId);
        signingFormat = blankToNull(signingFormat);
        List<FieldProblem> problems = new ArrayList<>();
        check(EnvironmentField.NAME, name, problems);
        check(EnvironmentField.REPOSITORY_URL, repositoryUrl, problems);
        check(EnvironmentField.BRANCH, branch, problems);
        problems.addAll(EnvironmentField.signingProblems(signingCredentialsId, signingFormat));
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(problems);
        }
    }

    /** Whether promotion and revert commits to this environment must be signed. */
    public boolean signsCommits() {
        return signingCredentialsId != null;
    }

    private static void check(EnvironmentField field, String value, List<FieldProblem> problems) {
        field.problemWith(value).ifPresent(message -> problems.add(new FieldProblem(field, message)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
