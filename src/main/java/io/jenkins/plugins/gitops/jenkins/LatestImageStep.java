package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.registry.ImageSelection;
import io.jenkins.plugins.gitops.registry.ImageSelector;
import io.jenkins.plugins.gitops.registry.NoMatchingTagException;
import io.jenkins.plugins.gitops.registry.RegistryClient;
import io.jenkins.plugins.gitops.registry.RegistryCredentials;
import io.jenkins.plugins.gitops.registry.RegistryException;
import io.jenkins.plugins.gitops.registry.TagPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code gitopsLatestImage}: the latest image of a repository by a policy, as {@code image latest} chooses it,
 * returned as the reference to promote. The registry is read from the controller, off the Pipeline's thread.
 */
public class LatestImageStep extends Step {

    static final String NAME = "gitopsLatestImage";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String image;
    private String semver;
    private boolean prereleases;
    private String filter;
    private String extract;
    private String order;
    private boolean newestBuild;
    private boolean digest;
    private String credentialsId;

    @DataBoundConstructor
    public LatestImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getSemver() {
        return semver;
    }

    @DataBoundSetter
    public void setSemver(String semver) {
        this.semver = semver;
    }

    public boolean isPrereleases() {
        return prereleases;
    }

    @DataBoundSetter
    public void setPrereleases(boolean prereleases) {
        this.prereleases = prereleases;
    }

    public String getFilter() {
        return filter;
    }

    @DataBoundSetter
    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getExtract() {
        return extract;
    }

    @DataBoundSetter
    public void setExtract(String extract) {
        this.extract = extract;
    }

    public String getOrder() {
        return order;
    }

    @DataBoundSetter
    public void setOrder(String order) {
        this.order = order;
    }

    public boolean isNewestBuild() {
        return newestBuild;
    }

    @DataBoundSetter
    public void setNewestBuild(boolean newestBuild) {
        this.newestBuild = newestBuild;
    }

    public boolean isDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(boolean digest) {
        this.digest = digest;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        ImageReference repository;
        TagPolicy policy;
        try {
            repository = ImageReference.parse(image == null ? "" : image.strip());
            policy = new TagPolicy(semver, prereleases, filter, extract,
                    order == null || order.isBlank() ? null : TagPolicy.Order.parse(order.strip()), newestBuild);
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        return new Execution(context, repository, policy, digest, credentialsId);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        /** Not kept across a controller restart: a synchronous step execution does not resume. */
        private final transient ImageReference repository;
        private final transient TagPolicy policy;
        private final boolean digest;
        private final String credentialsId;

        Execution(StepContext context, ImageReference repository, TagPolicy policy, boolean digest, String credentialsId) {
            super(context);
            this.repository = repository;
            this.policy = policy;
            this.digest = digest;
            this.credentialsId = credentialsId;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            RegistryCredentials credentials = RegistryCredentials.anonymous();
            if (credentialsId != null && !credentialsId.isBlank()) {
                if (!(BuildCredentials.find(NAME, credentialsId, run) instanceof StandardUsernamePasswordCredentials found)) {
                    throw new AbortException(NAME + ": credentials '" + credentialsId
                            + "' are not username/password credentials");
                }
                credentials = new RegistryCredentials(found.getUsername(), found.getPassword().getPlainText());
            }
            ImageSelection selection;
            try {
                RegistryClient client = RegistryClient.create(credentials, Optional.empty(), TIMEOUT);
                selection = new ImageSelector(client).select(repository, policy, digest);
            } catch (NoMatchingTagException | RegistryException | IllegalArgumentException e) {
                throw new AbortException(NAME + ": " + e.getMessage());
            }
            listener.getLogger().println(NAME + ": " + selection.image() + " is the latest of " + repository + " by "
                    + policy.describe() + " (" + selection.considered() + " tags seen)");
            return selection.image().toString();
        }
    }

    @Extension
    @Symbol(NAME)
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Choose the latest image of a repository by a policy";
        }
    }
}
