package io.jenkins.plugins.gitops.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.gitops.environment.Environments;
import io.jenkins.plugins.gitops.environment.InvalidEnvironmentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The environments promotions go to and reports come from, on the global configuration page and under
 * {@code unclassified: gitops:} in Configuration as Code. Validation lives in the environment package.
 */
@Extension
@Symbol("gitops")
public class GitOpsConfiguration extends GlobalConfiguration {

    /** An ArrayList, not an immutable list, so that XStream can write and read it. */
    private List<EnvironmentEntry> environments = new ArrayList<>();

    public GitOpsConfiguration() {
        load();
    }

    public static GitOpsConfiguration get() {
        return ExtensionList.lookupSingleton(GitOpsConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "GitOps";
    }

    public List<EnvironmentEntry> getEnvironments() {
        return Collections.unmodifiableList(environments);
    }

    /** @throws InvalidEnvironmentException when an entry is invalid or two share a name; nothing is changed then */
    @DataBoundSetter
    public void setEnvironments(List<EnvironmentEntry> environments) {
        List<EnvironmentEntry> entries = environments == null ? List.of() : List.copyOf(environments);
        parse(entries);
        this.environments = new ArrayList<>(entries);
        save();
    }

    /**
     * The configured environments, validated, for the rest of the plugin.
     *
     * @throws InvalidEnvironmentException when the stored configuration was edited outside Jenkins into an invalid one
     */
    public Environments environments() {
        return parse(environments);
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<EnvironmentEntry> entries = req.bindJSONToList(EnvironmentEntry.class, json.get("environments"));
        try {
            setEnvironments(entries);
        } catch (InvalidEnvironmentException e) {
            throw new FormException(e.getMessage(), e.problems().get(0).field().formName());
        }
        return true;
    }

    private static Environments parse(List<EnvironmentEntry> entries) {
        return Environments.parse(entries.stream().map(EnvironmentEntry::toInput).toList());
    }
}
