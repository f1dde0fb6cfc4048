/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/ParametersAction.java, tag jenkins-2.555.3.
 */
package hudson.model;

import java.util.Collection;
import java.util.List;

public class ParametersAction implements Action {
    public ParametersAction(List<ParameterValue> parameters, Collection<String> additionalSafeParameters) {
        throw new UnsupportedOperationException();
    }

    public ParametersAction(ParameterValue... parameters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
