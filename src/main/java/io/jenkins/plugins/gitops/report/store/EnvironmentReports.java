package io.jenkins.plugins.gitops.report.store;

import java.util.List;
import java.util.Objects;

/**
 * A consistent snapshot of one environment's reports.
 *
 * @param environment the environment's name
 * @param latest the newest report in the store's order (see {@link ReportStore})
 * @param history summaries of the stored reports, oldest first, ending with {@code latest}'s
 */
public record EnvironmentReports(String environment, StoredReport latest, List<ReportSummary> history) {

    public EnvironmentReports {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(latest, "latest");
        history = List.copyOf(history);
    }
}
