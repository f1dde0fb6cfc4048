/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/lib-task-reactor, src/main/java/org/jvnet/hudson/reactor/ReactorException.java, tag task-reactor-1.10.
 */
package org.jvnet.hudson.reactor;

public class ReactorException extends Exception {
    ReactorException(Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
