/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/triggers/Trigger.java, tag jenkins-2.555.3.
 */
package hudson.triggers;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;

public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    protected transient J job;

    protected Trigger(String cronTabSpec) {
        throw new UnsupportedOperationException();
    }

    protected Trigger() {
        throw new UnsupportedOperationException();
    }

    public void start(J project, boolean newInstance) {
        throw new UnsupportedOperationException();
    }

    public void run() {
        throw new UnsupportedOperationException();
    }

    public void stop() {
        throw new UnsupportedOperationException();
    }

    public final String getSpec() {
        throw new UnsupportedOperationException();
    }

    public TriggerDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
