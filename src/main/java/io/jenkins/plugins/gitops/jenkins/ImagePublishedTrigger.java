package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.security.ACL;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.registry.ImageSelector;
import io.jenkins.plugins.gitops.registry.ImageWatch;
import io.jenkins.plugins.gitops.registry.ImageWatchPoll;
import io.jenkins.plugins.gitops.registry.ImageWatchStateFile;
import io.jenkins.plugins.gitops.registry.RegistryClient;
import io.jenkins.plugins.gitops.registry.RegistryCredentials;
import io.jenkins.plugins.gitops.registry.RegistryException;
import io.jenkins.plugins.gitops.registry.TagPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "When a new image is published": polls a registry on a cron schedule, as the SCM trigger polls, and schedules the
 * job with the string parameter {@code IMAGE} set to each new image once ({@link ImageWatch} decides). The poll runs
 * on a thread of its own, never on the cron thread, and is abandoned after {@link #POLL_BUDGET}. What it saw is kept
 * in {@code gitops-image-watch.json} in the job's directory.
 */
public class ImagePublishedTrigger extends Trigger<Job<?, ?>> {

    static final String PARAMETER = "IMAGE";
    static final Duration POLL_BUDGET = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOGGER = Logger.getLogger(ImagePublishedTrigger.class.getName());

    private final String image;
    private String semver;
    private boolean prereleases;
    private String filter;
    private String extract;
    private String order;
    private boolean newestBuild;
    private boolean digest;
    private String credentialsId;

    private transient ImageWatch watch;

    @DataBoundConstructor
    public ImagePublishedTrigger(String spec, String image) {
        super(spec);
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
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        watch = null;
    }

    @Override
    public void run() {
        if (job == null) {
            return;
        }
        ImageWatchStateFile state = new ImageWatchStateFile(job.getRootDir().toPath().resolve("gitops-image-watch.json"));
        ImageWatch current;
        try {
            current = watch();
        } catch (IllegalArgumentException | RegistryException e) {
            LOGGER.warning(() -> job.getFullName() + ": image trigger not polling: " + e.getMessage());
            return;
        }
        current.poll(state.read()).ifPresent(poll -> poll.thenAccept(result -> record(state, result)));
    }

    private void record(ImageWatchStateFile state, ImageWatchPoll result) {
        try {
            state.write(result.state());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, job.getFullName() + ": cannot keep what the image trigger saw", e);
            return;
        }
        if (!result.state().error().isEmpty()) {
            LOGGER.warning(() -> job.getFullName() + ": " + result.state().error());
        }
        result.published().ifPresent(reference -> {
            LOGGER.info(() -> job.getFullName() + ": image " + reference + " was published; scheduling a build");
            ParameterizedJobMixIn.scheduleBuild2(job, 0, new CauseAction(new ImagePublishedCause(reference)),
                    new ParametersAction(new StringParameterValue(PARAMETER, reference)));
        });
    }

    /** The watch, made at the first poll after (re)configuration; credentials are looked up as the job sees them. */
    private synchronized ImageWatch watch() throws RegistryException {
        if (watch == null) {
            ImageReference repository = ImageReference.parse(image == null ? "" : image.strip());
            TagPolicy policy = new TagPolicy(semver, prereleases, filter, extract,
                    order == null || order.isBlank() ? null : TagPolicy.Order.parse(order.strip()), newestBuild);
            RegistryClient client = RegistryClient.create(credentials(), Optional.empty(), REQUEST_TIMEOUT);
            watch = new ImageWatch(new ImageSelector(client), repository, policy, digest, POLL_BUDGET, Clock.systemUTC());
        }
        return watch;
    }

    private RegistryCredentials credentials() {
        if (credentialsId == null || credentialsId.isBlank()) {
            return RegistryCredentials.anonymous();
        }
        StandardUsernamePasswordCredentials found = CredentialsProvider.lookupCredentialsInItem(
                        StandardUsernamePasswordCredentials.class, job, ACL.SYSTEM2, List.of()).stream()
                .filter(c -> credentialsId.equals(c.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no username/password credentials with id '" + credentialsId
                        + "' are available to " + job.getFullName()));
        return new RegistryCredentials(found.getUsername(), found.getPassword().getPlainText());
    }

    @Extension
    @Symbol("gitopsImagePublished")
    public static class DescriptorImpl extends TriggerDescriptor {

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof Job;
        }

        @Override
        public String getDisplayName() {
            return "When a new image is published";
        }
    }
}
