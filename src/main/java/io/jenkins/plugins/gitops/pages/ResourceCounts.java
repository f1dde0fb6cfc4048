package io.jenkins.plugins.gitops.pages;

import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;

/** How many resources of a report are in each status, as the pages and {@code gitopsStatus} show them. */
public record ResourceCounts(int total, int inSync, int drifted, int missing, int failed, int pruned) {

    public static ResourceCounts of(Report report) {
        int[] byStatus = new int[ResourceStatus.values().length];
        for (ResourceEntry resource : report.resources()) {
            byStatus[resource.status().ordinal()]++;
        }
        return new ResourceCounts(report.resources().size(), byStatus[ResourceStatus.IN_SYNC.ordinal()],
                byStatus[ResourceStatus.DRIFTED.ordinal()], byStatus[ResourceStatus.MISSING.ordinal()],
                byStatus[ResourceStatus.FAILED.ordinal()], byStatus[ResourceStatus.PRUNED.ordinal()]);
    }
}
