package io.jenkins.plugins.gitops.demo;

import java.util.Objects;

/**
 * One step of the demo and how it went.
 *
 * @param name for example {@code promote-v1}
 * @param ok whether what the step waits for was seen in the stored reports in time
 * @param millis from the step's action (a push, a live edit) until its condition held or the wait gave up
 * @param detail one line: what was seen, or why the step did not hold
 */
public record DemoStep(String name, boolean ok, long millis, String detail) {

    public DemoStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
