package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets agents POST reports without a CSRF crumb: they have no session to hold one, and the HMAC
 * signature over the body already proves the sender. Exactly {@code /gitops/report}, nothing else.
 */
@Extension
public class ReportCrumbExclusion extends CrumbExclusion {

    static final String PATH = "/" + GitOpsRootAction.URL_NAME + "/report";

    @Override
    public boolean process(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws IOException, ServletException {
        if (PATH.equals(req.getPathInfo())) {
            chain.doFilter(req, rsp);
            return true;
        }
        return false;
    }
}
