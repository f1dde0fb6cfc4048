package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.agent.loop.LogfmtHandler;
import picocli.CommandLine;

/** Entry point of {@code gitops-agent.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Before anything logs: the libraries' and System.Logger's records as logfmt lines, like the agent's events.
        LogfmtHandler.install(System.err);
        // Netty's use of sun.misc.Unsafe makes newer JVMs print multi-line warnings to stderr, which no log
        // reader expects; the agent's small HTTP server needs none of what it buys.
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting; tests call this. */
    static int run(String... args) {
        return new CommandLine(new GitOpsCommand()).execute(args);
    }
}
