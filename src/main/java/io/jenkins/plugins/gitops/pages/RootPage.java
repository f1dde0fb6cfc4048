package io.jenkins.plugins.gitops.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The view model of the root page {@code /gitops/}: every configured environment and its last report. */
public final class RootPage {

    private RootPage() {}

    /**
     * @param environments the configured environments' names
     * @param reports an environment's stored reports, for example {@code ReportStore::environment}
     * @return the {@code "view": "root"} JSON of docs/ui.md, environments sorted by name
     */
    public static String json(List<String> environments, Function<String, Optional<EnvironmentReports>> reports) {
        ObjectNode view = PageJson.view("root");
        ArrayNode rows = view.putArray("environments");
        for (String name : environments.stream().sorted().distinct().toList()) {
            ObjectNode row = rows.addObject();
            row.put("name", name);
            row.putNull("url");
            PageJson.environmentFacts(row, reports.apply(name));
        }
        return PageJson.text(view);
    }
}
