/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/AbortException.java, tag jenkins-2.555.3.
 */
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
