package io.jenkins.plugins.gitops.cli;

import picocli.CommandLine.Command;

/** Benchmarks; each prints its figures as JSON. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures a capability and prints the figures as JSON.",
        subcommands = {PromoteBench.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
