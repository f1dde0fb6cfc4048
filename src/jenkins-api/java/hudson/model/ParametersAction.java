/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/ParametersAction.java, tag jenkins-2.555.3.
 */
package hudson.model;

public class ParametersAction implements Action {
    public ParametersAction(ParameterValue... parameters) {
        throw new UnsupportedOperationException();
    }
}
