package io.jenkins.plugins.gitops.agent.loop;

/** Whether this agent may write to the cluster now. Only the leader reconciles. */
@FunctionalInterface
public interface Leadership {

    /** A single agent with no election: always the leader. */
    Leadership ALWAYS = () -> true;

    boolean isLeader();
}
