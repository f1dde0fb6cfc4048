/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/util/Secret.java, tag jenkins-2.555.3.
 */
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    Secret(String value) {
        throw new UnsupportedOperationException();
    }

    public String getPlainText() {
        throw new UnsupportedOperationException();
    }
}
