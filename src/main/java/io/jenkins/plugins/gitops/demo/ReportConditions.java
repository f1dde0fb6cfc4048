package io.jenkins.plugins.gitops.demo;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What the demo's steps wait for in a stored report, and how a report reads in one line. Pure. */
final class ReportConditions {

    private ReportConditions() {}

    /** The agent applied {@code commit} and every resource matches it. */
    static Predicate<Report> applied(String commit) {
        return report -> report.source().revision().equals(commit)
                && report.phase() != SyncPhase.FAILED
                && report.resources().stream().allMatch(resource -> resource.status() == ResourceStatus.IN_SYNC);
    }

    /** The resource is reported Drifted, and every one of {@code fields} differs and is attributed to {@code manager}. */
    static Predicate<Report> driftedBy(String kind, String name, String manager, List<String> fields) {
        return report -> resource(report, kind, name)
                .filter(resource -> resource.status() == ResourceStatus.DRIFTED)
                .filter(resource -> fields.stream().allMatch(field -> resource.diffs().stream()
                        .anyMatch(diff -> diff.path().equals(field) && manager.equals(diff.manager()))))
                .isPresent();
    }

    static Optional<ResourceEntry> resource(Report report, String kind, String name) {
        return report.resources().stream()
                .filter(resource -> resource.kind().equals(kind) && resource.name().equals(name))
                .findFirst();
    }

    /** {@code revision 1a2b3c4, Synced, Healthy, 6 resources, drifted: Deployment/web /spec/replicas (kubectl-edit)}. */
    static String describe(Report report) {
        StringBuilder line = new StringBuilder()
                .append("revision ").append(CommitId.abbreviate(report.source().revision()))
                .append(", ").append(report.phase().wireName())
                .append(", ").append(report.health().wireName())
                .append(", ").append(report.resources().size()).append(" resources");
        String unsettled = report.resources().stream()
                .filter(resource -> resource.status() != ResourceStatus.IN_SYNC)
                .map(ReportConditions::describe)
                .collect(Collectors.joining("; "));
        if (!unsettled.isEmpty()) {
            line.append(", ").append(unsettled);
        }
        return line.toString();
    }

    private static String describe(ResourceEntry resource) {
        String fields = resource.diffs().stream().map(ReportConditions::describe).collect(Collectors.joining(", "));
        return resource.status().wireName() + " " + resource.kind() + "/" + resource.name()
                + (fields.isEmpty() ? "" : " " + fields)
                + (resource.message() == null ? "" : " (" + resource.message() + ")");
    }

    private static String describe(FieldDiff diff) {
        return diff.path() + (diff.manager() == null ? "" : " by " + diff.manager());
    }
}
