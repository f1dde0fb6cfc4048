package io.jenkins.plugins.gitops.registry;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a repository for a new image by a policy: each poll chooses the latest image, pinned by digest, and
 * compares it with the one seen before, so a new tag, or a tag pushed again with other content, is published once.
 * The first poll only records what is there: turning a watch on does not act on an image that was already published.
 * A poll runs on a thread of its own and is abandoned (interrupted) after a time budget, and a poll still running
 * when the next is due makes that one a no-op, so a slow registry never piles up work.
 */
public final class ImageWatch {

    private final ImageSelector selector;
    private final ImageReference repository;
    private final TagPolicy policy;
    private final boolean publishDigest;
    private final Duration budget;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param publishDigest whether the published reference carries the digest; it is compared by digest either way */
    public ImageWatch(ImageSelector selector, ImageReference repository, TagPolicy policy, boolean publishDigest, Duration budget,
            Clock clock) {
        this.selector = selector;
        this.repository = repository;
        this.policy = policy;
        this.publishDigest = publishDigest;
        this.budget = budget;
        this.clock = clock;
    }

    /** Starts a poll; empty when the previous one has not finished. The future always completes, within the budget. */
    public Optional<CompletableFuture<ImageWatchPoll>> poll(ImageWatchState previous) {
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        CompletableFuture<ImageWatchPoll> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> result.complete(pollNow(previous)), "gitops image poll " + repository);
        thread.setDaemon(true);
        thread.start();
        return Optional.of(result.orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    thread.interrupt();
                    String reason = e instanceof TimeoutException
                            ? "polling " + repository + " took longer than " + budget.toSeconds() + "s"
                            : "polling " + repository + " failed: " + e;
                    return failed(previous, reason);
                })
                .whenComplete((poll, e) -> running.set(false)));
    }

    private ImageWatchPoll pollNow(ImageWatchState previous) {
        ImageSelection selection;
        try {
            selection = selector.select(repository, policy, true);
        } catch (NoMatchingTagException | RegistryException | IllegalArgumentException e) {
            return failed(previous, e.getMessage());
        }
        String seen = selection.image().toString();
        ImageWatchState state = new ImageWatchState(seen, clock.instant(), selection.considered(), "");
        boolean isNew = !previous.seen().isEmpty() && !previous.seen().equals(seen);
        ImageReference published = publishDigest
                ? selection.image()
                : new ImageReference(repository.registry(), repository.path(), selection.tag(), "");
        return new ImageWatchPoll(state, isNew ? Optional.of(published.toString()) : Optional.empty());
    }

    private ImageWatchPoll failed(ImageWatchState previous, String reason) {
        return new ImageWatchPoll(new ImageWatchState(previous.seen(), clock.instant(), previous.considered(), reason),
                Optional.empty());
    }
}
