package io.jenkins.plugins.gitops.sync;

import io.jenkins.plugins.gitops.pages.ResourceCounts;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What {@code gitopsStatus} returns: an environment's latest stored report, as a map a Pipeline script reads. */
public final class EnvironmentStatus {

    /** {@code state} before the environment's first report. */
    public static final String NO_REPORT = "NoReport";

    /** {@code state} once a report arrived. */
    public static final String REPORTED = "Reported";

    private EnvironmentStatus() {}

    /**
     * @return {@code environment}, {@code state} ({@value #REPORTED} or {@value #NO_REPORT}), and from the latest
     *     report {@code revision}, {@code syncPhase}, {@code health}, {@code reportedAt} (the agent's time),
     *     {@code receivedAt}, {@code appliedCommits} and {@code resources} (counts per status); those are
     *     {@code null} before the first report
     */
    public static Map<String, Object> of(String environment, Optional<EnvironmentReports> reports) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("environment", environment);
        if (reports.isEmpty()) {
            status.put("state", NO_REPORT);
            for (String field : new String[] {"revision", "syncPhase", "health", "reportedAt", "receivedAt",
                    "appliedCommits", "resources"}) {
                status.put(field, null);
            }
            return status;
        }
        Report latest = reports.get().latest().report();
        status.put("state", REPORTED);
        status.put("revision", latest.source().revision());
        status.put("syncPhase", latest.phase().wireName());
        status.put("health", latest.health().wireName());
        status.put("reportedAt", latest.generatedAt().toString());
        status.put("receivedAt", reports.get().latest().receivedAt().toString());
        status.put("appliedCommits", new ArrayList<>(latest.source().appliedCommits()));
        ResourceCounts counts = ResourceCounts.of(latest);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("total", counts.total());
        resources.put("inSync", counts.inSync());
        resources.put("drifted", counts.drifted());
        resources.put("missing", counts.missing());
        resources.put("failed", counts.failed());
        resources.put("pruned", counts.pruned());
        status.put("resources", resources);
        return status;
    }
}
