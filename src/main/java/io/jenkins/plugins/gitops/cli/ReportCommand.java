package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code report}: the signed reports the agent sends to Jenkins. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Signed reports the agent sends to Jenkins.",
        subcommands = {ReportVerifyCommand.class})
final class ReportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "report: name a subcommand, for example 'verify'");
    }
}
