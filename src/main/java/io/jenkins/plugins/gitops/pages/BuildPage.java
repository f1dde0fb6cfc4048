package io.jenkins.plugins.gitops.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import io.jenkins.plugins.gitops.report.store.ReportSummary;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The view model of a build's GitOps summary: each promotion the build made and where its commit is now. */
public final class BuildPage {

    private BuildPage() {}

    /**
     * @param promotions the build's promotions, in the order it made them
     * @param reports an environment's stored reports, for example {@code ReportStore::environment}
     * @return the {@code "view": "build"} JSON of docs/ui.md, states as {@link CommitTimeline} derives them
     */
    public static String json(List<PromotionSummary> promotions, Function<String, Optional<EnvironmentReports>> reports) {
        ObjectNode view = PageJson.view("build");
        ArrayNode rows = view.putArray("promotions");
        for (PromotionSummary promotion : promotions) {
            CommitTimeline timeline = timeline(promotion, reports);
            ObjectNode row = rows.addObject();
            row.put("image", promotion.imageText());
            row.put("environment", promotion.environment());
            row.put("commit", promotion.commit());
            row.putNull("commitUrl");
            ArrayNode states = row.putArray("states");
            for (CommitTimeline.StateAt state : timeline.states()) {
                ObjectNode step = states.addObject();
                step.put("state", state.state().label());
                PageJson.time(step, "at", state.at());
            }
            row.put("supersededBy", timeline.supersededBy());
            row.putNull("supersededByUrl");
        }
        return PageJson.text(view);
    }

    /** Where a promotion's commit is, from its environment's stored reports. */
    public static CommitTimeline timeline(PromotionSummary promotion, Function<String, Optional<EnvironmentReports>> reports) {
        List<ReportSummary> history = reports.apply(promotion.environment()).map(EnvironmentReports::history).orElse(List.of());
        return CommitTimeline.of(promotion.commit(), promotion.time(), history);
    }
}
