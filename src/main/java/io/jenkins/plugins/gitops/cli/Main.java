package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.agent.loop.LogfmtHandler;
import picocli.CommandLine;

/** Entry point of {@code gitops-agent.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Before anything logs: the libraries' and System.Logger's records as logfmt lines, like the agent's events.
        LogfmtHandler.install(System.err);
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting; tests call this. */
    static int run(String... args) {
        return new CommandLine(new GitOpsCommand()).execute(args);
    }
}
