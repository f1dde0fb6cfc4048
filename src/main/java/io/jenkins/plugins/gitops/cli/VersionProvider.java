package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.agent.AgentClient;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the build, as {@code --version} prints it. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"gitops-agent " + version()};
    }

    static String version() {
        return AgentClient.version();
    }
}
