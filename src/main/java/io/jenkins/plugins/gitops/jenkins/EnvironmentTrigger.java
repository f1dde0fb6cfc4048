package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import io.jenkins.plugins.gitops.notification.Notification;
import io.jenkins.plugins.gitops.notification.Transition;
import io.jenkins.plugins.gitops.notification.TriggerState;
import io.jenkins.plugins.gitops.report.store.EnvironmentReports;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "When a GitOps environment changes": schedules the job, with the transition as parameters
 * ({@link Notification#parameters()}), when a report the store accepts makes one of the chosen transitions
 * ({@link TriggerState} decides, one build per incident). In a Pipeline:
 * {@code pipelineTriggers([gitopsEnvironment(environments: 'staging', onSynced: true)])}.
 */
public class EnvironmentTrigger extends Trigger<Job<?, ?>> {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentTrigger.class.getName());

    private final String environments;
    private boolean onDrift = true;
    private boolean onDegraded = true;
    private boolean onFailed = true;
    private boolean onSynced;

    private transient ReportStore.Registration registration;

    /** @param environments names separated by commas or spaces; every environment when blank */
    @DataBoundConstructor
    public EnvironmentTrigger(String environments) {
        this.environments = environments == null ? "" : environments.strip();
    }

    public String getEnvironments() {
        return environments;
    }

    public boolean isOnDrift() {
        return onDrift;
    }

    @DataBoundSetter
    public void setOnDrift(boolean onDrift) {
        this.onDrift = onDrift;
    }

    public boolean isOnDegraded() {
        return onDegraded;
    }

    @DataBoundSetter
    public void setOnDegraded(boolean onDegraded) {
        this.onDegraded = onDegraded;
    }

    public boolean isOnFailed() {
        return onFailed;
    }

    @DataBoundSetter
    public void setOnFailed(boolean onFailed) {
        this.onFailed = onFailed;
    }

    public boolean isOnSynced() {
        return onSynced;
    }

    @DataBoundSetter
    public void setOnSynced(boolean onSynced) {
        this.onSynced = onSynced;
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        ReportStore store = GitOpsReports.get().store();
        TriggerState state = new TriggerState(environmentNames(), transitions(), TriggerState.DEFAULT_QUIET_PERIOD,
                store.environments().stream().map(reports -> reports.latest().report()).toList(), Instant.now());
        registration = store.addListener(reports -> schedule(project, state, reports));
    }

    @Override
    public void stop() {
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "GitOps trigger: stopping", e);
            }
            registration = null;
        }
    }

    private static void schedule(Job<?, ?> project, TriggerState state, EnvironmentReports reports) {
        for (Notification notification : state.accept(reports.latest().report(), reports.latest().receivedAt())) {
            List<ParameterValue> values = notification.parameters().entrySet().stream()
                    .<ParameterValue>map(entry -> new StringParameterValue(entry.getKey(), entry.getValue())).toList();
            // The parameters are safe: the job need not declare them for the build to see them.
            ParameterizedJobMixIn.scheduleBuild2(project, 0, new CauseAction(new EnvironmentCause(notification.describe())),
                    new ParametersAction(values, notification.parameters().keySet()));
        }
    }

    Set<String> environmentNames() {
        return Arrays.stream(environments.split("[,\\s]+")).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    }

    Set<Transition> transitions() {
        Set<Transition> chosen = EnumSet.noneOf(Transition.class);
        if (onDrift) {
            chosen.add(Transition.DRIFT);
        }
        if (onDegraded) {
            chosen.add(Transition.DEGRADED);
        }
        if (onFailed) {
            chosen.add(Transition.FAILED);
        }
        if (onSynced) {
            chosen.add(Transition.SYNCED);
        }
        return chosen;
    }

    /** Why the build ran, as its page shows it: {@code staging: Drift appears at abc1234}. */
    static final class EnvironmentCause extends Cause {

        private final String description;

        EnvironmentCause(String description) {
            this.description = description;
        }

        @Override
        public String getShortDescription() {
            return "GitOps environment " + description;
        }
    }

    @Extension
    @Symbol("gitopsEnvironment")
    public static class DescriptorImpl extends TriggerDescriptor {

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof Job<?, ?>;
        }

        @Override
        public String getDisplayName() {
            return "When a GitOps environment changes";
        }
    }
}
