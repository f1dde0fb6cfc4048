package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.EnvironmentField;
import io.jenkins.plugins.gitops.environment.EnvironmentInput;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One environment as the form and Configuration as Code hold it: the settings exactly as entered. They are
 * checked when the configuration is saved, so a mistake is shown, not stored.
 */
public class EnvironmentEntry implements Describable<EnvironmentEntry> {

    private final String name;
    private final String repositoryUrl;
    private String branch = Environment.DEFAULT_BRANCH;
    private String path = "";
    private String gitCredentialsId;
    private String reportSecretCredentialsId;
    private String signingCredentialsId;
    private String signingFormat;

    @DataBoundConstructor
    public EnvironmentEntry(String name, String repositoryUrl) {
        this.name = name;
        this.repositoryUrl = repositoryUrl;
    }

    public String getName() {
        return name;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = path;
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = gitCredentialsId;
    }

    public String getReportSecretCredentialsId() {
        return reportSecretCredentialsId;
    }

    @DataBoundSetter
    public void setReportSecretCredentialsId(String reportSecretCredentialsId) {
        this.reportSecretCredentialsId = reportSecretCredentialsId;
    }

    public String getSigningCredentialsId() {
        return signingCredentialsId;
    }

    @DataBoundSetter
    public void setSigningCredentialsId(String signingCredentialsId) {
        this.signingCredentialsId = signingCredentialsId;
    }

    public String getSigningFormat() {
        return signingFormat;
    }

    @DataBoundSetter
    public void setSigningFormat(String signingFormat) {
        this.signingFormat = signingFormat;
    }

    EnvironmentInput toInput() {
        return new EnvironmentInput(name, repositoryUrl, branch, path, gitCredentialsId, reportSecretCredentialsId,
                signingCredentialsId, signingFormat);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<EnvironmentEntry> {

        @Override
        public String getDisplayName() {
            return "Environment";
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return validate(EnvironmentField.NAME, value);
        }

        public FormValidation doCheckRepositoryUrl(@QueryParameter String value) {
            return validate(EnvironmentField.REPOSITORY_URL, value);
        }

        public FormValidation doCheckBranch(@QueryParameter String value) {
            return validate(EnvironmentField.BRANCH, value);
        }

        public FormValidation doCheckPath(@QueryParameter String value) {
            return validate(EnvironmentField.PATH, value);
        }

        public FormValidation doCheckSigningFormat(@QueryParameter String value) {
            return validate(EnvironmentField.SIGNING_FORMAT, value);
        }

        public ListBoxModel doFillSigningFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(new ListBoxModel.Option("- none -", ""));
            EnvironmentField.SIGNING_FORMATS.forEach(format -> items.add(new ListBoxModel.Option(format, format)));
            return items;
        }

        /** Username/password and SSH private key credentials both implement StandardUsernameCredentials. */
        @POST
        public ListBoxModel doFillGitCredentialsIdItems(@QueryParameter String gitCredentialsId) {
            return credentialItems(gitCredentialsId, StandardUsernameCredentials.class);
        }

        @POST
        public ListBoxModel doFillReportSecretCredentialsIdItems(@QueryParameter String reportSecretCredentialsId) {
            return credentialItems(reportSecretCredentialsId, StringCredentials.class);
        }

        /** An SSH private key signs in format ssh; a secret file holding an armored OpenPGP key in format openpgp. */
        @POST
        public ListBoxModel doFillSigningCredentialsIdItems(@QueryParameter String signingCredentialsId) {
            return credentialItems(signingCredentialsId, SSHUserPrivateKey.class, FileCredentials.class);
        }

        private static FormValidation validate(EnvironmentField field, String value) {
            return field.problemWith(value).map(message -> FormValidation.error(message)).orElse(FormValidation.ok());
        }

        /**
         * Only administrators, who may configure the environments, see which credentials exist; anyone else
         * gets back the current value alone.
         */
        @SafeVarargs
        private static ListBoxModel credentialItems(String current, Class<? extends StandardCredentials>... types) {
            StandardListBoxModel items = new StandardListBoxModel();
            Jenkins jenkins = Jenkins.get();
            if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
                return items.includeCurrentValue(current);
            }
            items.includeEmptyValue();
            for (Class<? extends StandardCredentials> type : types) {
                items.includeAs(ACL.SYSTEM2, jenkins, type);
            }
            return items.includeCurrentValue(current);
        }
    }
}
