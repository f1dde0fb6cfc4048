/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/util/FormValidation.java, tag jenkins-2.555.3.
 */
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private FormValidation(Kind kind) {
        throw new UnsupportedOperationException();
    }

    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }
}
