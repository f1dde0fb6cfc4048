package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench <name>}: measurements, printed as JSON. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures a capability and prints the figures as JSON.",
        subcommands = {ReportBench.class, BenchReconcileCommand.class, BenchAgentMemoryCommand.class, DriftBench.class, PromoteBench.class,
            RenderChartBench.class})
final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "bench: name a benchmark, for example 'report'");
    }
}
