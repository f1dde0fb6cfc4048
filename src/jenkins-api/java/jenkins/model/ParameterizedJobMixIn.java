/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/jenkins/model/ParameterizedJobMixIn.java, tag jenkins-2.555.3.
 */
package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    public static Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }
}
