package io.jenkins.plugins.gitops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.registry.ImageSelector;
import io.jenkins.plugins.gitops.registry.ImageWatch;
import io.jenkins.plugins.gitops.registry.ImageWatchPoll;
import io.jenkins.plugins.gitops.registry.ImageWatchState;
import io.jenkins.plugins.gitops.registry.RegistryClient;
import io.jenkins.plugins.gitops.registry.RegistryCredentials;
import io.jenkins.plugins.gitops.registry.TagPolicy;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.testing.GitCli;
import io.jenkins.plugins.gitops.testing.LoopbackRegistry;
import io.jenkins.plugins.gitops.testing.RegistryImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a registry to the cluster, on the demo's machinery (git daemon, embedded API server, the agent in-process,
 * the report receiver and store): a new tag pushed to Debian's docker-registry is seen by the image watch, promoted
 * by the promotion transaction in one commit, and applied by the agent, which reports it Synced and Healthy.
 */
class NewImageToClusterTest {

    @TempDir
    Path work;

    @Test
    @Timeout(120)
    void aNewTagPushedToTheRegistryIsPromotedAndAppliedByTheAgent() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start(work.resolve("storage"), work.resolve("registry"),
                        new LoopbackRegistry.Anonymous(), false);
                Demo demo = Demo.start(new Demo.Settings(Optional.empty(), Duration.ofSeconds(30), work.resolve("demo"), "test"),
                        line -> {})) {
            RegistryImages images = new RegistryImages(registry.baseUrl());
            Instant built = Instant.parse("2026-06-01T00:00:00Z");
            images.push("demo/web", "1.1.0", built);
            String repository = registry.host() + "/demo/web";

            // The team moves the overlay to its own registry, as a person would: newName in the kustomization.
            Path checkout = Files.createDirectories(work.resolve("checkout"));
            GitCli.git(checkout, "clone", "-q", demo.repositoryUrl(), ".");
            Path kustomization = checkout.resolve(Demo.APP_PATH).resolve("kustomization.yaml");
            Files.writeString(kustomization, Files.readString(kustomization).replace("    newTag: 1.0.0",
                    "    newName: " + repository + "\n    newTag: 1.1.0"));
            GitCli.git(checkout, "commit", "-q", "-am", "Pull web from the team's registry");
            GitCli.git(checkout, "push", "-q", "origin", "HEAD:" + Demo.BRANCH);
            String moved = GitCli.git(checkout, "rev-parse", "HEAD").strip();
            demo.reportWait().untilSynced(moved, true);
            assertThat(demo.liveImage()).isEqualTo(repository + ":1.1.0");

            RegistryClient client = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), Duration.ofSeconds(10));
            ImageWatch watch = new ImageWatch(new ImageSelector(client), ImageReference.parse(repository),
                    new TagPolicy("^1", false, "", "", null, false), true, Duration.ofSeconds(20), Clock.systemUTC());
            ImageWatchPoll baseline = watch.poll(ImageWatchState.NEVER_POLLED).orElseThrow().get(30, TimeUnit.SECONDS);
            assertThat(baseline.published()).isEmpty();

            String pushed = images.push("demo/web", "1.3.0", built.plusSeconds(3600));
            ImageWatchPoll poll = watch.poll(baseline.state()).orElseThrow().get(30, TimeUnit.SECONDS);
            assertThat(poll.published()).contains(repository + ":1.3.0@" + pushed);

            String commit = demo.promoteImage(poll.published().orElseThrow());
            Report report = demo.reportWait().untilSynced(commit, true);

            assertThat(report.source().revision()).isEqualTo(commit);
            assertThat(demo.liveImage()).isEqualTo(repository + ":1.3.0@" + pushed);
            assertThat(GitCli.git(checkout, "fetch", "-q", "origin")).isEmpty();
            assertThat(GitCli.git(checkout, "log", "-1", "--format=%s%n%b", "origin/" + Demo.BRANCH))
                    .startsWith("Promote " + repository + ":1.3.0@" + pushed + " to " + Demo.ENVIRONMENT)
                    .contains("Promoted-Image: " + repository + ":1.3.0@" + pushed);
        }
    }
}
