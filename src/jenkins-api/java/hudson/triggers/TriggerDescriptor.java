/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/triggers/TriggerDescriptor.java, tag jenkins-2.555.3.
 */
package hudson.triggers;

import hudson.model.Descriptor;
import hudson.model.Item;

public abstract class TriggerDescriptor extends Descriptor<Trigger<?>> {
    protected TriggerDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isApplicable(Item item);
}
