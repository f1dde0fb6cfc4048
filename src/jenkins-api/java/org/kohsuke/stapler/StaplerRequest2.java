/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/stapler, core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java, tag 2076.v1b_a_c12445eb_e.
 */
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

public interface StaplerRequest2 extends HttpServletRequest {
    <T> List<T> bindJSONToList(Class<T> type, Object src);
}
