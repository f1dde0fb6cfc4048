/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/stapler, core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java, tag 2076.v1b_a_c12445eb_e.
 */
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

public interface StaplerResponse2 extends HttpServletResponse {}
