/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/security/PermissionGroup.java, tag jenkins-2.555.3.
 */
package hudson.security;

import java.util.Iterator;
import org.jvnet.localizer.Localizable;

public final class PermissionGroup implements Iterable<Permission>, Comparable<PermissionGroup> {
    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public Iterator<Permission> iterator() {
        throw new UnsupportedOperationException();
    }

    public int compareTo(PermissionGroup that) {
        throw new UnsupportedOperationException();
    }
}
