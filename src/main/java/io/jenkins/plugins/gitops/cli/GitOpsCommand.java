package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine.Command;

/** The top-level command; each capability adds a subcommand. */
@Command(
        name = "gitops-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {AgentCommand.class, RenderCommand.class, DiffCommand.class, PromoteCommand.class, ReportCommand.class, ImageCommand.class,
            BenchCommand.class,
            DemoCommand.class},
        description = {
            "GitOps for Jenkins: the in-cluster agent and the command line.",
            "Promotes image references into a config repository, and runs the pull-based agent that applies it."
        })
final class GitOpsCommand implements Runnable {

    @Override
    public void run() {
        // With no subcommand there is nothing to do but say what there is.
        new picocli.CommandLine(this).usage(System.out);
    }
}
