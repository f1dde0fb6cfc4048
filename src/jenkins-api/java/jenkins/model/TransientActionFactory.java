/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/jenkins/model/TransientActionFactory.java, tag jenkins-2.555.3.
 */
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        throw new UnsupportedOperationException();
    }

    public abstract Collection<? extends Action> createFor(T target);
}
