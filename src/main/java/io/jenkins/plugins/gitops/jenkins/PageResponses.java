package io.jenkins.plugins.gitops.jenkins;

import io.jenkins.plugins.gitops.pages.PromotionSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Writing the pages' view models, and the build addresses in them, the same way for every page. */
final class PageResponses {

    private PageResponses() {}

    /** Sends a view model: JSON, never cached; no CORS headers, so only Jenkins' own pages read it. */
    static void json(StaplerResponse2 rsp, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        rsp.setStatus(200);
        rsp.setContentType("application/json; charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /** The summary with its build address made absolute on this server, under Jenkins' context path. */
    static PromotionSummary linked(PromotionSummary summary, StaplerRequest2 req) {
        return new PromotionSummary(summary.images(), summary.environment(), summary.commit(), summary.time(),
                summary.buildName(), req.getContextPath() + "/" + summary.buildUrl());
    }
}
