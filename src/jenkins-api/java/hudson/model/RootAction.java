/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/RootAction.java, tag jenkins-2.555.3.
 */
package hudson.model;

import hudson.ExtensionPoint;

public interface RootAction extends Action, ExtensionPoint {}
