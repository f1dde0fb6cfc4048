package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.pages.RootPage;
import io.jenkins.plugins.gitops.report.receiver.ReportResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code /gitops/}: unprotected only so that agents, which hold no Jenkins account, can POST
 * {@code /gitops/report}, where the report's signature is the authentication. Everything else here
 * checks Overall/Read itself: the page in its view, the data in {@link #doData}.
 */
@Extension
public class GitOpsRootAction implements UnprotectedRootAction {

    static final String URL_NAME = "gitops";

    /** No link in every page's side panel; the page is reached at {@code /gitops/}. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "GitOps";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** {@code POST /gitops/report}: an agent's signed report. Answers 202 or why not, as plain text. */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        ReportResponse answer = GitOpsReports.get().receiver().receive(req.getMethod(), headers, req.getInputStream());
        byte[] body = answer.body();
        rsp.setStatus(answer.status());
        rsp.setContentType(ReportResponse.CONTENT_TYPE);
        answer.headers().forEach(rsp::setHeader);
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }

    /** {@code /gitops/data}: the root page's view model; requires Overall/Read. */
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        List<String> environments = GitOpsConfiguration.get().environments().asList().stream().map(Environment::name).toList();
        PageResponses.json(rsp, RootPage.json(environments, GitOpsReports.get().store()::environment));
    }
}
