package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code image}: images in an OCI registry. */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description = "Images in an OCI registry.",
        subcommands = {ImageLatestCommand.class})
final class ImageCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "image: name a subcommand, for example 'latest'");
    }
}
