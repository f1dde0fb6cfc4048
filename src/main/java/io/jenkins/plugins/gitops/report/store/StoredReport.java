package io.jenkins.plugins.gitops.report.store;

import io.jenkins.plugins.gitops.report.Report;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted report as the store keeps it.
 *
 * @param sequence the order of receipt within its environment, from 1
 * @param receivedAt when the receiver accepted it
 * @param report the report itself
 */
public record StoredReport(long sequence, Instant receivedAt, Report report) {

    public StoredReport {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(report, "report");
    }
}
