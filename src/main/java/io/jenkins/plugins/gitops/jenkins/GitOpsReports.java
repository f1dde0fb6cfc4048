package io.jenkins.plugins.gitops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.listeners.ItemListener;
import hudson.security.ACL;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.report.receiver.ReportReceiver;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The report store under {@code JENKINS_HOME/gitops-reports} and the receiver that fills it, verifying each
 * report with its environment's secret text credentials.
 */
@Extension
public class GitOpsReports {

    static final String DIRECTORY = "gitops-reports";

    private final ReportStore store;
    private final ReportReceiver receiver;

    public GitOpsReports() throws IOException {
        Clock clock = Clock.systemUTC();
        store = ReportStore.open(Jenkins.get().getRootDir().toPath().resolve(DIRECTORY),
                ReportStore.DEFAULT_HISTORY_LIMIT, clock);
        receiver = new ReportReceiver(GitOpsReports::secretFor, store, clock);
    }

    public static GitOpsReports get() {
        return ExtensionList.lookupSingleton(GitOpsReports.class);
    }

    public ReportStore store() {
        return store;
    }

    public ReportReceiver receiver() {
        return receiver;
    }

    /** The secret of a configured environment that takes reports; empty for any other name. */
    private static Optional<byte[]> secretFor(String environment) {
        Optional<String> credentialsId = GitOpsConfiguration.get().environments().find(environment)
                .map(Environment::reportSecretCredentialsId);
        if (credentialsId.isEmpty()) {
            return Optional.empty();
        }
        List<StringCredentials> secrets = CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        for (StringCredentials secret : secrets) {
            if (credentialsId.get().equals(secret.getId())) {
                return Optional.of(secret.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Loads the stored reports when Jenkins has loaded its items, rather than at the first request. */
    @Extension
    public static class LoadAtStartup extends ItemListener {

        @Override
        public void onLoaded() {
            get();
        }
    }
}
