package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import io.jenkins.plugins.gitops.sync.EnvironmentStatus;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code gitopsStatus}: the latest stored report of an environment as a map ({@link EnvironmentStatus}). It reads
 * memory only, so it completes at once on the Pipeline's own thread.
 */
public class StatusStep extends Step {

    static final String NAME = "gitopsStatus";

    private final String environment;

    @DataBoundConstructor
    public StatusStep(String environment) {
        this.environment = environment;
    }

    public String getEnvironment() {
        return environment;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        SyncWaits.requireConfigured(NAME, environment);
        return new Execution(context, environment);
    }

    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final String environment;

        Execution(StepContext context, String environment) {
            super(context);
            this.environment = environment;
        }

        @Override
        public boolean start() {
            getContext().onSuccess(EnvironmentStatus.of(environment, GitOpsReports.get().store().environment(environment)));
            return true;
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Read the latest GitOps report of an environment";
        }
    }
}
