/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/hudson/EnvVars.java, tag jenkins-2.555.3.
 */
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {}
