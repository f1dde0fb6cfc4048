/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/model/StringParameterValue.java, tag jenkins-2.555.3.
 */
package hudson.model;

public class StringParameterValue extends ParameterValue {
    public StringParameterValue(String name, String value) {
        throw new UnsupportedOperationException();
    }
}
