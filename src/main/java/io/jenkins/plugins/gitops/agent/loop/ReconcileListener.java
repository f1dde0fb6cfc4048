package io.jenkins.plugins.gitops.agent.loop;

/**
 * Told after every reconcile the leader runs, in the loop's thread: keep it short, or hand the
 * snapshot to a thread of your own. An exception it throws is logged and does not stop the loop.
 */
@FunctionalInterface
public interface ReconcileListener {

    void reconciled(ReconcileSnapshot snapshot);
}
