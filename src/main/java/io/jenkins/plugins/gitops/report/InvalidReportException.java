package io.jenkins.plugins.gitops.report;

/**
 * A report body that is not valid JSON or not valid schema v1. The message is one line that starts with
 * the field at fault, for example {@code resources[3].status: unknown value 'Foo'}.
 */
public final class InvalidReportException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidReportException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
    }
}
