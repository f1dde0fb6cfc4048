package io.jenkins.plugins.gitops.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** The pieces the three view models share, written as docs/ui.md defines them. */
final class PageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PageJson() {}

    static ObjectNode view(String name) {
        ObjectNode view = MAPPER.createObjectNode();
        view.put("view", name);
        return view;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(ObjectNode view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always has a JSON form.
            throw new UncheckedIOException(e);
        }
    }

    static void time(ObjectNode node, String field, Instant time) {
        if (time == null) {
            node.putNull(field);
        } else {
            node.put(field, time.toString());
        }
    }

    /** Sync phase, health, revision, last report and resource counts: {@code null} before the first report. */
    static void environmentFacts(ObjectNode node, Optional<EnvironmentReports> reports) {
        Report latest = reports.map(r -> r.latest().report()).orElse(null);
        node.put("phase", latest == null ? null : latest.phase().wireName());
        node.put("health", latest == null ? null : latest.health().wireName());
        node.put("revision", latest == null ? null : latest.source().revision());
        node.putNull("revisionUrl");
        time(node, "lastReportAt", reports.map(r -> r.latest().receivedAt()).orElse(null));
        node.put("droppedEvents", latest == null ? 0 : latest.omitted().events());
        if (latest == null) {
            node.putNull("resources");
        } else {
            resources(node.putObject("resources"), latest);
        }
    }

    private static void resources(ObjectNode node, Report report) {
        ResourceCounts counts = ResourceCounts.of(report);
        node.put("total", counts.total());
        node.put("inSync", counts.inSync());
        node.put("drifted", counts.drifted());
        node.put("missing", counts.missing());
        node.put("failed", counts.failed());
        node.put("pruned", counts.pruned());
        node.put("unlisted", counts.unlisted());
    }
}
