package io.jenkins.plugins.gitops.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The view model of a job's GitOps page: a card per environment the job promoted to, with the state its
 * agent last reported, the drift, the job's recent promotions there and the drift trend.
 */
public final class JobPage {

    /** Resources of the last report listed in the resource table; the rest are counted. */
    public static final int RESOURCE_LIST_LIMIT = 10_000;

    /** Promotions shown per environment, newest first. */
    public static final int RECENT_PROMOTIONS = 20;

    private JobPage() {}

    /**
     * The job page without revert buttons or a notice.
     *
     * @see #json(List, Function, Crumb, Function, Notice)
     */
    public static String json(List<PromotionSummary> promotions, Function<String, Optional<EnvironmentReports>> reports,
            Crumb crumb) {
        return json(promotions, reports, crumb, promotion -> Optional.empty(), null);
    }

    /**
     * @param promotions the job's promotions in any order (the cards list those that committed something)
     * @param reports an environment's stored reports, for example {@code ReportStore::environment}
     * @param crumb the session's CSRF crumb, or {@code null} when CSRF protection is off
     * @param revertUrl where a promotion's revert is posted; empty when the current user may not revert it
     * @param notice a message to show once above the cards, or {@code null}
     * @return the {@code "view": "job"} JSON of docs/ui.md, one card per environment sorted by name
     */
    public static String json(List<PromotionSummary> promotions, Function<String, Optional<EnvironmentReports>> reports,
            Crumb crumb, Function<PromotionSummary, Optional<String>> revertUrl, Notice notice) {
        ObjectNode view = PageJson.view("job");
        if (crumb == null) {
            view.putNull("crumb");
        } else {
            view.putObject("crumb").put("field", crumb.field()).put("value", crumb.value());
        }
        if (notice == null) {
            view.putNull("notice");
        } else {
            notice(view.putObject("notice"), notice);
        }
        ArrayNode cards = view.putArray("environments");
        for (String environment : promotions.stream().map(PromotionSummary::environment).distinct().sorted().toList()) {
            card(cards.addObject(), environment, promotions, reports, revertUrl);
        }
        return PageJson.text(view);
    }

    /** A notice alone, as the page's poll for a running revert reads it: {@code {"text", "success", "poll"?}}. */
    public static String notice(Notice notice) {
        ObjectNode node = PageJson.object();
        notice(node, notice);
        return PageJson.text(node);
    }

    private static void notice(ObjectNode node, Notice notice) {
        node.put("text", notice.text()).put("success", notice.success());
        if (notice.poll() != null) {
            node.put("poll", notice.poll());
        }
    }

    private static void card(ObjectNode card, String environment, List<PromotionSummary> promotions,
            Function<String, Optional<EnvironmentReports>> lookup, Function<PromotionSummary, Optional<String>> revertUrl) {
        Optional<EnvironmentReports> reports = lookup.apply(environment);
        Report latest = reports.map(r -> r.latest().report()).orElse(null);
        card.put("name", environment);
        PageJson.environmentFacts(card, reports);
        card.put("message", latest == null ? null : message(latest));
        ArrayNode drift = card.putArray("drift");
        if (latest != null) {
            for (ResourceEntry resource : latest.resources()) {
                for (FieldDiff diff : resource.diffs()) {
                    driftRow(drift.addObject(), resource, diff);
                }
            }
        }
        if (latest != null) {
            ArrayNode list = card.putArray("resourceList");
            latest.resources().stream().limit(RESOURCE_LIST_LIMIT).forEach(resource -> list.addObject()
                    .put("apiVersion", resource.apiVersion())
                    .put("kind", resource.kind())
                    .put("namespace", resource.namespace())
                    .put("name", resource.name())
                    .put("status", resource.status().wireName())
                    .put("health", resource.health().wireName())
                    .put("message", resource.message()));
            card.put("resourceListOmitted", Math.max(0, latest.resources().size() - RESOURCE_LIST_LIMIT));
        }
        ArrayNode rows = card.putArray("promotions");
        List<PromotionSummary> recent = promotions.stream()
                .filter(p -> p.environment().equals(environment) && p.commit() != null)
                .sorted(Comparator.comparing(PromotionSummary::time).reversed())
                .limit(RECENT_PROMOTIONS)
                .toList();
        for (PromotionSummary promotion : recent) {
            ObjectNode row = rows.addObject();
            row.put("image", promotion.imageText());
            row.put("commit", promotion.commit());
            row.putNull("commitUrl");
            row.putObject("build").put("name", promotion.buildName()).put("url", promotion.buildUrl());
            PageJson.time(row, "time", promotion.time());
            row.put("state", BuildPage.timeline(promotion, lookup).current().label());
            revertUrl.apply(promotion).ifPresent(url -> row.putObject("revert").put("url", url));
        }
        ArrayNode trend = card.putArray("trend");
        for (ReportSummary summary : reports.map(EnvironmentReports::history).orElse(List.of())) {
            ObjectNode point = trend.addObject();
            PageJson.time(point, "at", summary.generatedAt());
            point.put("drifted", summary.drifted());
        }
    }

    private static void driftRow(ObjectNode row, ResourceEntry resource, FieldDiff diff) {
        row.putObject("resource")
                .put("apiVersion", resource.apiVersion())
                .put("kind", resource.kind())
                .put("namespace", resource.namespace())
                .put("name", resource.name());
        row.put("path", diff.path());
        raw(row, "desired", diff.desired());
        raw(row, "live", diff.live());
        row.put("manager", diff.manager());
        PageJson.time(row, "changedAt", diff.changedAt());
    }

    private static void raw(ObjectNode row, String field, JsonValue value) {
        if (value == null) {
            row.putNull(field);
        } else {
            row.putRawValue(field, new RawValue(value.json()));
        }
    }

    /**
     * Why the environment failed or is degraded: the first failed resource's message, else the first
     * degraded one's, else (when the sync failed) the refused tip's reason, which every report of the refusal
     * carries, else the last failure event's; {@code null} otherwise.
     */
    static String message(Report report) {
        if (report.phase() != SyncPhase.FAILED && report.health() != Health.DEGRADED) {
            return null;
        }
        List<ResourceEntry> explained = report.resources().stream()
                .filter(r -> r.message() != null && (r.status() == ResourceStatus.FAILED || r.health() == Health.DEGRADED))
                .sorted(Comparator.comparing((ResourceEntry r) -> r.status() != ResourceStatus.FAILED))
                .toList();
        if (!explained.isEmpty()) {
            ResourceEntry first = explained.get(0);
            String more = explained.size() > 1 ? " (and " + (explained.size() - 1) + " more)" : "";
            return first.kind() + " " + (first.namespace() == null ? "" : first.namespace() + "/") + first.name() + ": "
                    + first.message() + more;
        }
        if (report.phase() == SyncPhase.FAILED && report.source().refused() != null) {
            return report.source().refused().reason();
        }
        if (report.phase() == SyncPhase.FAILED) {
            return report.events().stream()
                    .filter(e -> e.type() == EventType.FAILED)
                    .reduce((a, b) -> b)
                    .map(ReportEvent::message)
                    .orElse(null);
        }
        return null;
    }
}
