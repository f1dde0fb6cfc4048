package io.jenkins.plugins.gitops.demo;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.gitops.environment.CommitId;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.LoopbackGitServer;
import io.jenkins.plugins.gitops.git.PushResult;
import io.jenkins.plugins.gitops.git.WorkingTree;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import io.jenkins.plugins.gitops.pages.PromotionSummary;
import io.jenkins.plugins.gitops.promote.ImagePromotion;
import io.jenkins.plugins.gitops.promote.Promotion;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.PromotionTransaction;
import io.jenkins.plugins.gitops.promote.Provenance;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.receiver.ReportReceiver;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole loop on one machine: a config repository served over the git protocol on loopback, a
 * cluster (a real one, or an embedded API server), the agent running in-process with its reconcile
 * loop, report sender and drift watch, and the Jenkins side (report receiver, report store and job
 * page). Then five steps, each waiting on the stored reports as a pipeline's wait-for-sync does:
 * <ol>
 *   <li>{@code promote-v1}: promote image 1.1.0; applied, Synced and Healthy
 *   <li>{@code promote-v2}: promote image 1.2.0; applied
 *   <li>{@code drift}: a person edits replicas and image live with {@code kubectl edit}; the drift is
 *       reported, each field attributed to {@code kubectl-edit}
 *   <li>{@code self-heal}: correction is switched on; the agent puts the fields back
 *   <li>{@code revert-v2}: {@code git revert} of the v2 promotion; 1.1.0 applied again
 * </ol>
 */
public final class Demo implements AutoCloseable {

    public static final String ENVIRONMENT = "staging";
    static final String BRANCH = "main";
    static final String APP_PATH = "apps/web/overlays/staging";
    static final String NAMESPACE = "demo-staging";
    static final String AGENT_NAMESPACE = "gitops-demo";
    static final String IMAGE = "registry.example.com/demo/web";
    static final String EDITOR = "kubectl-edit";
    static final String JOB = "demo";

    private static final GitIdentity COMMITTER = new GitIdentity("GitOps demo", "demo@gitops.invalid");
    private static final List<String> EDITED_FIELDS = List.of("/spec/replicas", "/spec/template/spec/containers/0/image");

    /**
     * @param kubeconfig a real cluster's kubeconfig; without it (and outside a pod) the embedded API server
     * @param stepTimeout how long each step waits for its report
     * @param workDirectory where the repository, the report store and checkouts go; the caller deletes it
     * @param agentVersion the version the agent reports
     */
    public record Settings(Optional<Path> kubeconfig, Duration stepTimeout, Path workDirectory, String agentVersion) {}

    /** Told after each step, before the next begins; the page shows that step's outcome meanwhile. */
    @FunctionalInterface
    public interface StepListener {
        void stepped(DemoStep step);
    }

    private final Settings settings;
    private final Consumer<String> say;
    private final List<AutoCloseable> running = new ArrayList<>();
    private DemoCluster cluster;
    private LoopbackGitServer gitServer;
    private String repositoryUrl;
    private ReportStore store;
    private DemoSite site;
    private DemoAgent agent;
    private int builds;
    private String promotedV2;

    private Demo(Settings settings, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
    }

    /**
     * Sets everything up and starts the agent; the first reconcile then runs in the background.
     *
     * @param say told one line per thing set up, for a person to read
     */
    public static Demo start(Settings settings, Consumer<String> say) throws IOException {
        Demo demo = new Demo(settings, say);
        try {
            demo.setUp();
            return demo;
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void setUp() throws IOException {
        Path work = settings.workDirectory();
        cluster = keep(DemoCluster.connect(settings.kubeconfig()));
        say.accept("cluster: " + cluster.description());
        KubernetesClient client = cluster.client();
        if (cluster.embedded()) {
            keep(DeploymentControllerStandIn.start(client, NAMESPACE));
            say.accept("controllers: the embedded API server runs none; a stand-in writes each Deployment's status as a"
                    + " finished rollout would (all replicas updated and available), so health is simulated");
        } else {
            say.accept("controllers: the cluster's own; health comes from the rollouts they report");
            // The agent's own namespace, for its inventory, as installing the agent would create it.
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(AGENT_NAMESPACE).endMetadata()
                    .build()).serverSideApply();
        }

        gitServer = keep(LoopbackGitServer.start(work.resolve("git")));
        String seed = gitServer.create("config", BRANCH, SampleApplication.writeTo(work.resolve("sample")), COMMITTER,
                "Add the web application with a staging overlay");
        repositoryUrl = gitServer.url("config");
        say.accept("config repository: " + repositoryUrl + " (branch " + BRANCH + ", " + APP_PATH + ", commit "
                + CommitId.abbreviate(seed) + ")");

        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] secretBytes = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        // The agent reads it from a file, as from a mounted Secret; only this user may read it.
        Path secretFile = Files.createFile(work.resolve("report-secret"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(secretFile, secretBytes);
        store = ReportStore.open(work.resolve("reports"), ReportStore.DEFAULT_HISTORY_LIMIT, Clock.systemUTC());
        ReportReceiver receiver = new ReportReceiver(
                environment -> ENVIRONMENT.equals(environment) ? Optional.of(secretBytes.clone()) : Optional.empty(),
                store, Clock.systemUTC());
        site = keep(DemoSite.start(receiver, store));
        say.accept("report endpoint: " + site.reportUrl() + " (signed with a fresh secret)");

        agent = keep(DemoAgent.start(new DemoAgent.Setup(cluster.agentClient(), cluster.embedded(), repositoryUrl, BRANCH, APP_PATH,
                ENVIRONMENT, settings.agentVersion(), AGENT_NAMESPACE, site.reportUrl(), secretFile,
                work.resolve("agent"))));
        say.accept("agent: " + agent.description());
        say.accept("page: " + site.pageUrl());
    }

    /** The local job page. */
    public String pageUrl() {
        return site.pageUrl();
    }

    /** The config repository's {@code git://} URL. */
    String repositoryUrl() {
        return repositoryUrl;
    }

    /** Waits on the stored reports of the demo's environment, as the steps do. */
    ReportWait reportWait() {
        return new ReportWait(store, ENVIRONMENT, settings.stepTimeout());
    }

    /** The image of the live Deployment's container, {@code ""} before it exists. */
    String liveImage() {
        Deployment live = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
        return live == null ? "" : live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Runs the five steps; a step after a failed one is not run and counts as failed. */
    public DemoResult run(StepListener listener) {
        ReportWait wait = reportWait();
        List<DemoStep> steps = new ArrayList<>();
        List<Step> plan = List.of(
                new Step("promote-v1", () -> {
                    long start = System.nanoTime();
                    String commit = promote("1.1.0");
                    String pushed = sinceMillis(start);
                    Report report = wait.untilSynced(commit, true);
                    return "image 1.1.0 in commit " + CommitId.abbreviate(commit) + " (pushed in " + pushed + "): "
                            + ReportConditions.describe(report);
                }),
                new Step("promote-v2", () -> {
                    long start = System.nanoTime();
                    promotedV2 = promote("1.2.0");
                    String pushed = sinceMillis(start);
                    Report report = wait.untilSynced(promotedV2, false);
                    return "image 1.2.0 in commit " + CommitId.abbreviate(promotedV2) + " (pushed in " + pushed + "): "
                            + ReportConditions.describe(report);
                }),
                new Step("drift", () -> {
                    editLive(5, IMAGE + ":1.2.1-hotfix");
                    Report report = wait.until(ReportConditions.driftedBy("Deployment", "web", EDITOR, EDITED_FIELDS),
                            "Deployment/web drifted at " + String.join(" and ", EDITED_FIELDS) + " by " + EDITOR);
                    return "replicas 5 and image 1.2.1-hotfix set by " + EDITOR + ": " + ReportConditions.describe(report);
                }),
                new Step("self-heal", () -> {
                    agent.selfHeal();
                    Report report = wait.until(ReportConditions.applied(promotedV2).and(r -> liveMatches(2, IMAGE + ":1.2.0")),
                            "Deployment/web back in sync (replicas 2, image 1.2.0)");
                    return "corrected: " + correctionEvent(report).orElse("in sync again") + "; " + ReportConditions.describe(report);
                }),
                new Step("revert-v2", () -> {
                    long start = System.nanoTime();
                    String commit = revert(promotedV2);
                    String pushed = sinceMillis(start);
                    wait.untilSynced(commit, false);
                    Report report = wait.until(r -> liveMatches(2, IMAGE + ":1.1.0"), "image 1.1.0 live again");
                    return "git revert of " + CommitId.abbreviate(promotedV2) + " as commit " + CommitId.abbreviate(commit)
                            + " (pushed in " + pushed + "): " + ReportConditions.describe(report);
                }));
        boolean failed = false;
        for (Step step : plan) {
            DemoStep done = failed ? new DemoStep(step.name(), false, 0, "not run: an earlier step failed") : step.run();
            failed = failed || !done.ok();
            steps.add(done);
            listener.stepped(done);
        }
        return new DemoResult(steps, site.pageUrl(), cluster.description());
    }

    /** Promotes the image tag through the promotion transaction, as the pipeline step does; returns the commit. */
    private String promote(String tag) throws IOException {
        return promoteImage(IMAGE + ":" + tag);
    }

    /** Promotes an image reference as {@link #promote} does; tests promote images of their own registry with it. */
    String promoteImage(String image) throws IOException {
        int build = ++builds;
        Promotion promotion = Promotion.of(repositoryUrl, BRANCH, RepositoryPath.parse(APP_PATH), List.of(image), ENVIRONMENT)
                .withProvenance(Provenance.of(JOB, build, site.pageUrl()));
        Path scratch = Files.createDirectories(settings.workDirectory().resolve("promotions"));
        PromotionTransaction transaction = new PromotionTransaction(
                JGitConfigRepository.connector(GitCredentials.none(), HttpsTrust.SYSTEM), COMMITTER, RetryPolicy.DEFAULT, scratch);
        PromotionResult result = ImagePromotion.of(promotion, PromotionPolicy.DEFAULT).run(transaction);
        if (!result.changed()) {
            throw new ReportWait.StepFailed("promoting " + image + " changed nothing: the overlay holds it already");
        }
        site.promoted(new PromotionSummary(List.of(image), ENVIRONMENT, result.commit(), Instant.now(), JOB + " #" + build, "/"));
        return result.commit();
    }

    /** {@code git revert} of a commit on the branch, pushed; returns the revert commit. */
    private String revert(String commit) throws IOException {
        Path directory = Files.createTempDirectory(settings.workDirectory(), "revert-");
        try (JGitConfigRepository repository = new JGitConfigRepository(
                        repositoryUrl, GitCredentials.none(), HttpsTrust.SYSTEM, JGitConfigRepository.DEFAULT_TIMEOUT);
                WorkingTree tree = repository.revert(BRANCH, commit, COMMITTER, directory)) {
            if (tree.push(BRANCH) != PushResult.PUSHED) {
                throw new ReportWait.StepFailed("the branch moved while reverting " + CommitId.abbreviate(commit));
            }
            return tree.head();
        }
    }

    /**
     * Changes replicas and image of the live Deployment as {@code kubectl edit} does, under its field
     * manager. A real API server records the manager in {@code managedFields} itself; the embedded one
     * keeps whatever it is sent, so there the patch also sets the entry a real server would write.
     */
    private void editLive(int replicas, String image) {
        List<Map<String, Object>> patch = new ArrayList<>(List.of(
                Map.of("op", "replace", "path", "/spec/replicas", "value", replicas),
                Map.of("op", "replace", "path", "/spec/template/spec/containers/0/image", "value", image)));
        if (cluster.embedded()) {
            patch.add(Map.of("op", "add", "path", "/metadata/managedFields", "value", List.of(Map.of(
                    "manager", EDITOR,
                    "operation", "Update",
                    "apiVersion", "apps/v1",
                    "time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    "fieldsType", "FieldsV1",
                    "fieldsV1", Map.of("f:spec", Map.of(
                            "f:replicas", Map.of(),
                            "f:template", Map.of("f:spec", Map.of("f:containers", Map.of(
                                    "k:{\"name\":\"web\"}", Map.of("f:image", Map.of()))))))))));
        }
        cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("web").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(EDITOR).build(),
                Serialization.asJson(patch));
    }

    private boolean liveMatches(int replicas, String image) {
        Deployment live = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
        return live != null && live.getSpec().getReplicas() == replicas
                && image.equals(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    private static String sinceMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }

    private static Optional<String> correctionEvent(Report report) {
        return report.events().stream().filter(event -> event.type() == EventType.CORRECTED)
                .map(ReportEvent::message).reduce((first, last) -> last);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                say.accept("closing: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        running.clear();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    /** A step's action and wait; returns what was seen. */
    private interface Action {
        String run() throws Exception;
    }

    private record Step(String name, Action action) {
        DemoStep run() {
            long start = System.nanoTime();
            try {
                String detail = action.run();
                return new DemoStep(name, true, (System.nanoTime() - start) / 1_000_000, detail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DemoStep(name, false, (System.nanoTime() - start) / 1_000_000, "interrupted");
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return new DemoStep(name, false, (System.nanoTime() - start) / 1_000_000,
                        message.lines().findFirst().orElse(message));
            }
        }
    }
}
