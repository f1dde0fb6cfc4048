/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/security/csrf/CrumbIssuer.java, tag jenkins-2.555.3.
 */
package hudson.security.csrf;

import hudson.ExtensionPoint;
import jakarta.servlet.ServletRequest;

public abstract class CrumbIssuer implements ExtensionPoint {
    public String getCrumbRequestField() {
        throw new UnsupportedOperationException();
    }

    public String getCrumb(ServletRequest request) {
        throw new UnsupportedOperationException();
    }
}
