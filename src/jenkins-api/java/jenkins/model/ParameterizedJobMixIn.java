/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/jenkins, core/src/main/java/jenkins/model/ParameterizedJobMixIn.java, tag jenkins-2.555.3.
 */
package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.triggers.Trigger;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    public static Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }

    public static <T extends Trigger<?>> T getTrigger(Job<?, ?> job, Class<T> clazz) {
        throw new UnsupportedOperationException();
    }
}
