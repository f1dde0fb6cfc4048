package io.jenkins.plugins.gitops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.testing.LoopbackRegistry;
import io.jenkins.plugins.gitops.testing.RegistryImages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "new image published" watch over Debian's docker-registry: what it remembers and when it publishes. */
class ImageWatchTest {

    private static final TagPolicy SEMVER = new TagPolicy("^1", false, "", "", null, false);

    @TempDir
    Path work;

    private static ImageWatch watch(String host, boolean digest, Duration budget, Duration requestTimeout) throws Exception {
        RegistryClient client = RegistryClient.create(RegistryCredentials.anonymous(), Optional.empty(), requestTimeout);
        return new ImageWatch(new ImageSelector(client), ImageReference.parse(host + "/shop/web"), SEMVER, digest, budget,
                Clock.systemUTC());
    }

    private static ImageWatchPoll poll(ImageWatch watch, ImageWatchState previous) throws Exception {
        return watch.poll(previous).orElseThrow().get(30, TimeUnit.SECONDS);
    }

    @Test
    void publishesEachNewImageOnceAndNotWhatWasThereWhenTheWatchStarted() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start(work.resolve("storage"), work.resolve("registry"),
                new LoopbackRegistry.Anonymous(), false)) {
            RegistryImages images = new RegistryImages(registry.baseUrl());
            Instant built = Instant.parse("2026-05-01T00:00:00Z");
            images.push("shop/web", "1.0.0", built);
            ImageWatch watch = watch(registry.host(), false, Duration.ofSeconds(20), Duration.ofSeconds(10));
            ImageWatchStateFile file = new ImageWatchStateFile(work.resolve("job/gitops-image-watch.json"));

            ImageWatchPoll first = poll(watch, file.read());
            file.write(first.state());
            assertThat(first.published()).as("the first poll only records").isEmpty();
            assertThat(file.read().seen()).startsWith(registry.host() + "/shop/web:1.0.0@sha256:");
            assertThat(poll(watch, file.read()).published()).isEmpty();

            images.push("shop/web", "1.1.0", built.plusSeconds(60));
            ImageWatchPoll second = poll(watch, file.read());
            file.write(second.state());
            assertThat(second.published()).contains(registry.host() + "/shop/web:1.1.0");
            ImageWatchPoll third = poll(watch, file.read());
            file.write(third.state());
            assertThat(third.published()).as("once per image").isEmpty();

            String rebuilt = images.push("shop/web", "1.1.0", built.plusSeconds(120));
            assertThat(poll(watch, file.read()).published()).as("the same tag pushed again with other content is a new image")
                    .contains(registry.host() + "/shop/web:1.1.0");
            ImageWatch pinning = watch(registry.host(), true, Duration.ofSeconds(20), Duration.ofSeconds(10));
            assertThat(poll(pinning, file.read()).published()).contains(registry.host() + "/shop/web:1.1.0@" + rebuilt);
        }
    }

    @Test
    void aRegistryThatNeverAnswersEndsThePollWithinItsBudgetAndKeepsWhatWasSeen() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket ignored = silent.accept();
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ImageWatch watch = watch("127.0.0.1:" + silent.getLocalPort(), false, Duration.ofSeconds(1), Duration.ofSeconds(60));
            ImageWatchState previous = new ImageWatchState("127.0.0.1/shop/web:1.0.0@sha256:" + "a".repeat(64), null, 3, "");

            long start = System.nanoTime();
            var running = watch.poll(previous).orElseThrow();
            assertThat(watch.poll(previous)).as("a poll still running makes the next one a no-op").isEmpty();
            ImageWatchPoll poll = running.get(10, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(poll.published()).isEmpty();
            assertThat(poll.state().error()).isEqualTo("polling 127.0.0.1:" + silent.getLocalPort() + "/shop/web took longer than 1s");
            assertThat(poll.state().seen()).isEqualTo(previous.seen());
            assertThat(watch.poll(previous)).as("the next poll may start").isPresent();
        }
    }
}
