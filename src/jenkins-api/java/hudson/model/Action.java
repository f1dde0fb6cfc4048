/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/Action.java, tag jenkins-2.555.3.
 */
package hudson.model;

public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
