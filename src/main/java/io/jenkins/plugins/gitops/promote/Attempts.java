package io.jenkins.plugins.gitops.promote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The retry loop that promotions and reverts share: each attempt works on a fresh checkout of the branch tip
 * in a directory of its own, deleted afterwards; an attempt whose push lost a race answers empty and the next
 * one starts after the policy's jittered, growing delay.
 */
final class Attempts {

    /** One fetch-change-commit-push; empty when the push lost a race and the change should be made again. */
    @FunctionalInterface
    interface Attempt<T> {
        Optional<T> run(int number, Path directory) throws IOException;
    }

    private Attempts() {}

    /** @return the first attempt's answer that is not empty; empty when every attempt lost its race */
    static <T> Optional<T> run(RetryPolicy retry, RandomGenerator random, Path scratch, Attempt<T> attempt) throws IOException {
        Files.createDirectories(scratch);
        Path work = Files.createTempDirectory(scratch, "attempts");
        try {
            Duration previous = Duration.ZERO;
            for (int number = 1; number <= retry.maxAttempts(); number++) {
                pause(retry.delayBefore(number, previous, random));
                long started = System.nanoTime();
                Path directory = work.resolve("attempt-" + number);
                try {
                    Optional<T> done = attempt.run(number, directory);
                    if (done.isPresent()) {
                        return done;
                    }
                } finally {
                    deleteRecursively(directory);
                }
                previous = Duration.ofNanos(System.nanoTime() - started);
            }
            return Optional.empty();
        } finally {
            deleteRecursively(work);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromotionException("interrupted while waiting to retry", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the working tree " + directory, e);
        }
    }
}
