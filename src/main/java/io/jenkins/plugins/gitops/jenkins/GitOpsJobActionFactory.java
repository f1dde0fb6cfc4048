package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the "GitOps" link to every job; the page says so when a job has promoted nothing. */
@Extension
@SuppressWarnings("rawtypes") // Jenkins registers the factory by the raw Job class
public class GitOpsJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /** Only lookups of this action's type consult the factory. */
    @Override
    public Class<? extends Action> actionType() {
        return GitOpsJobAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return List.of(new GitOpsJobAction(target));
    }
}
