package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.environment.Environment;
import io.jenkins.plugins.gitops.environment.Environments;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST <job>/gitops/revert?environment=E&commit=C}, the job page's "Revert this promotion", without its
 * server: the Jenkins action adapts its request to {@link Request} and sends the {@link Answer}. Jenkins' CSRF
 * filter has checked the crumb of every POST before it gets here.
 *
 * <p>A request that is not a POST, comes from someone without the job's Build permission, or names an unknown
 * environment, something other than a commit id or a commit the job did not promote there, is refused with a
 * status and one line, before anything is fetched. Otherwise the revert is started on {@link RevertRuns}, off the
 * request thread, and the answer is a redirect back to the job page at once, with a one-line notice: that it is
 * running, or, while another revert of the job runs, that that one is running and this one was not started.
 */
public final class RevertEndpoint {

    /** What the endpoint reads of an HTTP request. */
    public interface Request {

        /** The HTTP method, for example {@code POST}. */
        String method();

        /** The first value of a query or form parameter; {@code null} when absent. */
        String parameter(String name);

        /** Whether the current user may revert this job's promotions (Jenkins: the job's Build permission). */
        boolean mayRevert();

        /** The current user's id. */
        String user();
    }

    /**
     * The answer: a redirect to the job page with {@code notice} for it ({@code status} 303), or a refusal with its
     * status and {@code notice} as the one-line body.
     *
     * @param started whether this request started a revert, whose progress {@link RevertRuns#progress} then tells
     */
    public record Answer(int status, String notice, boolean started) {

        public boolean redirect() {
            return status == 303;
        }
    }

    /** Runs a revert with the credentials of the environment (Jenkins: on the controller, with JGit). */
    @FunctionalInterface
    public interface Runner {
        RevertResult run(Environment environment, Revert revert) throws IOException;
    }

    private final Supplier<Environments> environments;
    private final Runner runner;
    private final RevertRuns runs;

    /**
     * @param environments the configured environments, read per request so that a changed configuration applies
     * @param runner run on {@code runs}' executor, not on the request thread
     */
    public RevertEndpoint(Supplier<Environments> environments, Runner runner, RevertRuns runs) {
        this.environments = environments;
        this.runner = runner;
        this.runs = runs;
    }

    /**
     * The address the page posts to for one promotion.
     *
     * @param jobPage the job's GitOps page, ending in {@code /}, for example {@code /jenkins/job/shop/gitops/}
     */
    public static String url(String jobPage, String environment, String commit) {
        return jobPage + "revert?environment=" + URLEncoder.encode(environment, StandardCharsets.UTF_8)
                + "&commit=" + URLEncoder.encode(commit, StandardCharsets.UTF_8);
    }

    /**
     * @param job the job's full name
     * @param promoted the commits the job's builds promoted to an environment (full ids)
     */
    public Answer handle(Request request, String job, Function<String, Set<String>> promoted) {
        if (!"POST".equals(request.method())) {
            return new Answer(405, "revert needs a POST request, with the CSRF crumb", false);
        }
        if (!request.mayRevert()) {
            return new Answer(403, request.user() + " may not revert promotions of " + job + ": that needs its Build permission",
                    false);
        }
        String name = request.parameter("environment");
        if (name == null || name.isBlank()) {
            return new Answer(400, "give the environment to revert in: ?environment=NAME", false);
        }
        Environment environment = environments.get().find(name).orElse(null);
        if (environment == null) {
            return new Answer(404, "no environment named '" + Revert.shown(name) + "' is configured", false);
        }
        String commit;
        try {
            commit = Revert.commitId(request.parameter("commit"));
        } catch (IllegalArgumentException e) {
            return new Answer(400, e.getMessage(), false);
        }
        String full = promoted.apply(environment.name()).stream().filter(id -> id.startsWith(commit)).findFirst().orElse(null);
        if (full == null) {
            return new Answer(404, job + " recorded no promotion of commit " + commit + " to " + environment.name(), false);
        }
        Revert revert = new Revert(environment.repositoryUrl(), environment.branch(), environment.name(), full,
                RevertRequester.person(request.user(), job));
        String what = "commit " + CommitId.abbreviate(full) + " in " + environment.name();
        Optional<RevertRuns.Progress> busy = runs.start(job, RevertRuns.Progress.running("Reverting " + what + "..."),
                () -> outcome(environment, revert, what));
        return busy.map(running -> new Answer(303, "Not started: another revert of " + job + " is running. " + running.text(), false))
                .orElseGet(() -> new Answer(303, "Reverting " + what + "...", true));
    }

    private RevertRuns.Progress outcome(Environment environment, Revert revert, String what) {
        try {
            RevertResult result = runner.run(environment, revert);
            return RevertRuns.Progress.done("Reverted " + what + " as commit " + CommitId.abbreviate(result.commit())
                    + " on branch '" + result.branch() + "'.", result.commit());
        } catch (IOException | RuntimeException e) {
            return RevertRuns.Progress.failed("Could not revert " + what + ": "
                    + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
