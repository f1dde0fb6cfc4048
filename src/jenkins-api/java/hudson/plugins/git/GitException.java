/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/git-client-plugin, src/main/java/hudson/plugins/git/GitException.java, tag git-client-6.6.1.
 */
package hudson.plugins.git;

public class GitException extends RuntimeException {
    public GitException(String message) {
        throw new UnsupportedOperationException();
    }
}
