/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/LoadBalancer.java, tag jenkins-2.555.3.
 */
package hudson.model;

import hudson.ExtensionPoint;

public abstract class LoadBalancer implements ExtensionPoint {
}
