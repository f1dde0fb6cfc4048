/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/remoting, src/main/java/hudson/remoting/VirtualChannel.java, tag 3355.v388858a_47b_33.
 */
package hudson.remoting;

public interface VirtualChannel {}
