package io.jenkins.plugins.gitops.sync;

import java.util.Map;

/** Where a {@link SyncWaiter} delivers its single outcome; in Jenkins, the waiting step's context. */
public interface SyncWaitCallback {

    /**
     * The commit got where it was waited for.
     *
     * @param message one line saying where it is, naming the last report
     * @param result a fresh mutable map the step may return
     */
    void synced(String message, Map<String, Object> result);

    /** The wait failed or timed out; {@code message} is one line naming the last report. */
    void failed(String message);
}
