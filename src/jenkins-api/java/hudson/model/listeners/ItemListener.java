/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/listeners/ItemListener.java, tag jenkins-2.555.3.
 */
package hudson.model.listeners;

import hudson.ExtensionPoint;

public class ItemListener implements ExtensionPoint {
    public void onLoaded() {
        throw new UnsupportedOperationException();
    }
}
