/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/security/Permission.java, tag jenkins-2.555.3.
 */
package hudson.security;

public final class Permission {
    public Permission(PermissionGroup group, String name, Permission impliedBy) {
        throw new UnsupportedOperationException();
    }
}
