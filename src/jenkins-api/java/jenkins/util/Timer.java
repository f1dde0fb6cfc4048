/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/jenkins/util/Timer.java, tag jenkins-2.555.3.
 */
package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {
        throw new UnsupportedOperationException();
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException();
    }
}
