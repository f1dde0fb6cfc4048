package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.demo.Demo;
import io.jenkins.plugins.gitops.demo.DemoResult;
import io.jenkins.plugins.gitops.demo.DemoStep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the whole loop on one machine, step by step, with each step's latency. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole loop on one machine: a config repository served over git:// on loopback, the agent",
            "in-process (reconcile loop, drift watch, signed reports), the report receiver and the job page.",
            "Deploys to the cluster of --kubeconfig, or of this pod, else to an embedded API server (not a real cluster).",
            "Steps: promote v1, promote v2, a live edit (drift), self-heal, git revert of v2. Exits 0 when every step held."
        })
final class DemoCommand implements Callable<Integer> {

    /** How long each step waits for the report that shows it held. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    /** The project's own loggers say at INFO what the timeline says better; kept referenced so the level holds. */
    private static final Logger PROJECT_LOG = Logger.getLogger("io.jenkins.plugins.gitops");

    @Option(names = "--json", description = "Print {\"steps\":[{\"name\",\"ok\",\"ms\"}],\"uiUrl\",\"cluster\"} on stdout; the narrative goes to stderr.")
    boolean json;

    @Option(names = "--keep-running", description = "Keep the page (and the agent) up after the steps until interrupted.")
    boolean keepRunning;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Deploy to this kubeconfig's current context instead of the embedded API server.")
    Path kubeconfig;

    @Override
    public Integer call() throws Exception {
        if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
            System.err.println("--kubeconfig " + kubeconfig + ": no readable file there");
            return 2;
        }
        PrintStream say = json ? System.err : System.out;
        Level projectLevel = PROJECT_LOG.getLevel();
        PROJECT_LOG.setLevel(Level.WARNING);
        Path work = Files.createTempDirectory("gitops-demo-");
        try {
            say.println("GitOps demo: the whole loop on one machine");
            Demo.Settings settings = new Demo.Settings(Optional.ofNullable(kubeconfig), STEP_TIMEOUT, work, VersionProvider.version());
            Demo started;
            try {
                started = Demo.start(settings, line -> say.println("  " + line));
            } catch (IOException | RuntimeException e) {
                System.err.println("demo: could not set up: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return 1;
            }
            try (Demo demo = started) {
                say.println("Steps (each waits until the agent's signed report in the store shows it):");
                long start = System.nanoTime();
                DemoResult result = demo.run(step -> say.println(timelineLine(step)));
                say.println(summary(result, (System.nanoTime() - start) / 1_000_000));
                if (json) {
                    System.out.println(json(result));
                }
                if (keepRunning) {
                    say.println("The page stays up at " + result.uiUrl() + " until interrupted (Ctrl-C).");
                    awaitInterrupt(demo, work);
                }
                return result.ok() ? 0 : 1;
            }
        } finally {
            delete(work);
            PROJECT_LOG.setLevel(projectLevel);
        }
    }

    static String timelineLine(DemoStep step) {
        return String.format(Locale.ROOT, "  %-10s %7d ms  %-4s %s", step.name(), step.millis(), step.ok() ? "ok" : "FAIL",
                step.detail());
    }

    static String summary(DemoResult result, long totalMillis) {
        long failed = result.steps().stream().filter(step -> !step.ok()).count();
        String seconds = String.format(Locale.ROOT, "%.1f s", totalMillis / 1000.0);
        return (failed == 0
                        ? "All " + result.steps().size() + " steps held in " + seconds + "."
                        : failed + " of " + result.steps().size() + " steps did not hold (" + seconds + ").")
                + " Page: " + result.uiUrl();
    }

    static String json(DemoResult result) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode steps = root.putArray("steps");
        for (DemoStep step : result.steps()) {
            steps.addObject().put("name", step.name()).put("ok", step.ok()).put("ms", step.millis());
        }
        root.put("uiUrl", result.uiUrl());
        root.put("cluster", result.cluster());
        return mapper.writeValueAsString(root);
    }

    /** Waits until the process is interrupted; the shutdown hook then stops everything and removes the files. */
    private static void awaitInterrupt(Demo demo, Path work) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            delete(work);
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
