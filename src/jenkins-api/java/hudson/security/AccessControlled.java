/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/security/AccessControlled.java, tag jenkins-2.555.3.
 */
package hudson.security;

public interface AccessControlled {
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }
}
