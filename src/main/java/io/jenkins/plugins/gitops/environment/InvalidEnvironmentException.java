package io.jenkins.plugins.gitops.environment;

import java.util.List;

/** Settings that do not make a valid environment; the message is the first problem, on one line. */
public class InvalidEnvironmentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public InvalidEnvironmentException(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the settings; never empty. */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid environment has at least one problem");
        }
        String first = problems.get(0).message();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
