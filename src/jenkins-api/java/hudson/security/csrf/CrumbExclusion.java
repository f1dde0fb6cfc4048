/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/security/csrf/CrumbExclusion.java, tag jenkins-2.555.3.
 */
package hudson.security.csrf;

import hudson.ExtensionPoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

public abstract class CrumbExclusion implements ExtensionPoint {
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        throw new UnsupportedOperationException();
    }
}
