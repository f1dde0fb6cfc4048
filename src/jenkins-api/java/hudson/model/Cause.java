/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/Cause.java, tag jenkins-2.555.3.
 */
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();
}
