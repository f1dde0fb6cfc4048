/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/ExtensionList.java, tag jenkins-2.555.3.
 */
package hudson;

public class ExtensionList<T> {
    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException();
    }
}
