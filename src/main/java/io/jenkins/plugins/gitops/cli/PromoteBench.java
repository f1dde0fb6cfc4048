package io.jenkins.plugins.gitops.cli;

import static io.jenkins.plugins.gitops.cli.BenchFigures.median;
import static io.jenkins.plugins.gitops.cli.BenchFigures.round;
import static io.jenkins.plugins.gitops.cli.BenchFigures.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import io.jenkins.plugins.gitops.promote.ImagePromotion;
import io.jenkins.plugins.gitops.promote.Promotion;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.PromotionTransaction;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Promotion latency on a large config repository served by {@code git daemon} on loopback: the
 * in-process promotion against the shell pipeline a person would script ({@code git clone --depth 1},
 * {@code sed}, {@code git commit -a}, {@code git push}) on the same repository with the same edit, in
 * alternating rounds; with {@code --wide}, the same comparison for one directory of many manifests most of
 * which name the promoted image; then promotions racing for one branch.
 */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a repository (manifests, commits) with git fast-import, serves it with git daemon on 127.0.0.1, and",
            "measures: median in-process promotion latency, the shell pipeline's median on the same edit, and concurrent",
            "promotions to one branch (wall time, attempts). Prints JSON."
        })
final class PromoteBench implements Callable<Integer> {

    private static final GitIdentity COMMITTER = new GitIdentity("Bench", "bench@localhost");

    @Option(names = "--manifests", defaultValue = "5000", description = "Manifests in the repository (default ${DEFAULT-VALUE}).")
    int manifests;

    @Option(names = "--commits", defaultValue = "10000", description = "Commits in its history (default ${DEFAULT-VALUE}).")
    int commits;

    @Option(names = "--rounds", defaultValue = "10", description = "Rounds of each sequential measurement (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--concurrent", defaultValue = "16", description = "Promotions racing for the branch (default ${DEFAULT-VALUE}).")
    int concurrent;

    @Option(names = "--wide", defaultValue = "0",
            description = "Also measure a promotion into one directory of this many manifests (default ${DEFAULT-VALUE}: not measured).")
    int wide;

    @Option(names = "--wide-matches", defaultValue = "0", description = "How many of the wide directory's manifests name the promoted image.")
    int wideMatches;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for the common bench interface).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (manifests < concurrent + 1 || commits < 1 || rounds < 1 || concurrent < 1) {
            System.err.println("bench promote: --manifests must exceed --concurrent, and --commits, --rounds, --concurrent be at least 1");
            return 2;
        }
        if (wide < 0 || wideMatches < 0 || wideMatches > wide || wide > 0 && wideMatches == 0) {
            System.err.println("bench promote: --wide-matches must be between 1 and --wide");
            return 2;
        }
        long generating = System.nanoTime();
        try (BenchGitServer server = BenchGitServer.start(manifests, commits, wide, wideMatches)) {
            double generateSeconds = (System.nanoTime() - generating) / 1e9;
            Path scratch = Files.createTempDirectory("gitops-bench-work");
            try {
                Map<String, Object> figures = measure(server, scratch);
                Map<String, Object> repository = new LinkedHashMap<>();
                repository.put("manifests", manifests);
                repository.put("commits", commits);
                repository.put("generateSeconds", round(generateSeconds));
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("bench", "promote");
                output.put("repository", repository);
                output.putAll(figures);
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(output));
            } finally {
                BenchGitServer.deleteRecursively(scratch);
            }
        }
        return 0;
    }

    private Map<String, Object> measure(BenchGitServer server, Path scratch) throws Exception {
        int app = manifests - 1;
        String directory = BenchGitServer.directory(app);
        List<Double> inProcess = new ArrayList<>();
        List<Double> shell = new ArrayList<>();
        inProcess(server, scratch, app, "0.0.0");
        shell(server, scratch, BenchGitServer.directory(app) + "/deployment.yaml", BenchGitServer.image(app), "0.0.1");
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            PromotionResult result = inProcess(server, scratch, app, "1." + round + ".0");
            inProcess.add(millis(start));
            if (!result.changed()) {
                throw new IllegalStateException("round " + round + " promoted nothing");
            }
            start = System.nanoTime();
            shell(server, scratch, BenchGitServer.directory(app) + "/deployment.yaml", BenchGitServer.image(app), "1." + round + ".1");
            shell.add(millis(start));
        }
        String onBranch = BenchGitServer.run(server.bare(), "git", "show", BenchGitServer.BRANCH + ":" + directory + "/deployment.yaml");
        if (!onBranch.contains(BenchGitServer.image(app) + ":1." + rounds + ".1")) {
            throw new IllegalStateException("the shell pipeline's last edit is not on the branch");
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rounds", rounds);
        figures.put("inProcessMs", summary(inProcess));
        figures.put("shellPipelineMs", summary(shell));
        double ratio = median(inProcess) / median(shell);
        figures.put("inProcessToShellRatio", round(ratio));
        if (wide > 0) {
            figures.put("wide", wide(server, scratch));
        }
        figures.put("concurrent", concurrent(server, scratch));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("inProcessMedianUnder1s", median(inProcess) < 1000);
        targets.put("atMostHalfTheShellPipeline", ratio <= 0.5);
        figures.put("targets", targets);
        return figures;
    }

    /** The wide directory: the in-process promotion against sed over its files, in alternating rounds. */
    private Map<String, Object> wide(BenchGitServer server, Path scratch) throws IOException, InterruptedException {
        String directory = BenchGitServer.WIDE_DIRECTORY;
        String image = BenchGitServer.WIDE_IMAGE;
        List<Double> inProcess = new ArrayList<>();
        List<Double> shell = new ArrayList<>();
        int files = 0;
        promote(scratch, server, directory, image + ":0.0.0");
        shell(server, scratch, directory + "/*.yaml", image, "0.0.1");
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            PromotionResult result = promote(scratch, server, directory, image + ":1." + round + ".0");
            inProcess.add(millis(start));
            files = result.files().size();
            start = System.nanoTime();
            shell(server, scratch, directory + "/*.yaml", image, "1." + round + ".1");
            shell.add(millis(start));
        }
        if (files != wideMatches) {
            throw new IllegalStateException("the wide promotion changed " + files + " files, not " + wideMatches);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("manifests", wide);
        figures.put("matches", wideMatches);
        figures.put("inProcessMs", summary(inProcess));
        figures.put("shellPipelineMs", summary(shell));
        figures.put("inProcessToShellRatio", round(median(inProcess) / median(shell)));
        figures.put("inProcessMedianUnder1s", median(inProcess) < 1000);
        return figures;
    }

    private PromotionResult inProcess(BenchGitServer server, Path scratch, int app, String tag) throws IOException {
        return promote(scratch, server, BenchGitServer.directory(app), BenchGitServer.image(app) + ":" + tag);
    }

    private static PromotionResult promote(Path scratch, BenchGitServer server, String directory, String image) throws IOException {
        Promotion promotion = Promotion.of(server.url(), BenchGitServer.BRANCH, RepositoryPath.parse(directory), List.of(image), "bench");
        return ImagePromotion.of(promotion, PromotionPolicy.DEFAULT).run(transaction(scratch));
    }

    private static PromotionTransaction transaction(Path scratch) {
        return new PromotionTransaction(JGitConfigRepository.connector(GitCredentials.none(), HttpsTrust.SYSTEM), COMMITTER,
                RetryPolicy.DEFAULT, scratch);
    }

    /** What a person would script: a shallow single-branch clone, sed on the manifest, commit, push. */
    private static void shell(BenchGitServer server, Path scratch, String file, String image, String tag)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(scratch, "shell");
        try {
            String script = "git clone --quiet --depth 1 -b " + BenchGitServer.BRANCH + " " + server.url() + " clone"
                    + " && cd clone"
                    + " && sed -i 's|image: " + image + ":.*|image: " + image + ":" + tag + "|' " + file
                    + " && git commit --quiet -am 'Promote " + image + ":" + tag + " to bench'"
                    + " && git push --quiet origin HEAD:" + BenchGitServer.BRANCH;
            BenchGitServer.run(work, "sh", "-c", script);
        } finally {
            BenchGitServer.deleteRecursively(work);
        }
    }

    /** Each racer promotes its own application's image into the one branch. */
    private Map<String, Object> concurrent(BenchGitServer server, Path scratch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            List<Callable<PromotionResult>> racers = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                int app = i;
                racers.add(() -> inProcess(server, scratch, app, "2.0.0"));
            }
            long start = System.nanoTime();
            List<Double> attempts = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<PromotionResult> future : pool.invokeAll(racers, 10, TimeUnit.MINUTES)) {
                try {
                    attempts.add((double) future.get().attempts());
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
            double wall = millis(start);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("promotions", concurrent);
            figures.put("landed", attempts.size());
            figures.put("wallMs", round(wall));
            if (!attempts.isEmpty()) {
                figures.put("attemptsMedian", median(attempts));
                figures.put("attemptsMax", Collections.max(attempts).intValue());
            }
            figures.put("failures", failures);
            return figures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
