package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;

/**
 * How many resources of a report are in each status, as the pages and {@code gitopsStatus} show them: those
 * listed and those the report only counts ({@code unlisted}), together.
 */
public record ResourceCounts(int total, int inSync, int drifted, int missing, int failed, int pruned, int unlisted) {

    public static ResourceCounts of(Report report) {
        int[] byStatus = new int[ResourceStatus.values().length];
        for (ResourceEntry resource : report.resources()) {
            byStatus[resource.status().ordinal()]++;
        }
        report.omitted().resources().forEach((status, count) -> byStatus[status.ordinal()] += count);
        int unlisted = report.omitted().resourceCount();
        return new ResourceCounts(report.resources().size() + unlisted, byStatus[ResourceStatus.IN_SYNC.ordinal()],
                byStatus[ResourceStatus.DRIFTED.ordinal()], byStatus[ResourceStatus.MISSING.ordinal()],
                byStatus[ResourceStatus.FAILED.ordinal()], byStatus[ResourceStatus.PRUNED.ordinal()], unlisted);
    }
}
