/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/ParameterValue.java, tag jenkins-2.555.3.
 */
package hudson.model;

import java.io.Serializable;

public abstract class ParameterValue implements Serializable {
    protected ParameterValue(String name, String description) {
        throw new UnsupportedOperationException();
    }

    protected ParameterValue(String name) {
        throw new UnsupportedOperationException();
    }

    public final String getName() {
        throw new UnsupportedOperationException();
    }
}
