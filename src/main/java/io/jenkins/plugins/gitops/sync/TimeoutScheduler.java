package io.jenkins.plugins.gitops.sync;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Runs a task once after a delay; cancelling the returned future keeps it from running. In Jenkins, its shared
 * timer; in tests, a scheduler the test fires by hand.
 */
@FunctionalInterface
public interface TimeoutScheduler {

    Future<?> schedule(Runnable task, Duration delay);
}
