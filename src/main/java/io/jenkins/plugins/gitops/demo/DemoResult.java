package io.jenkins.plugins.gitops.demo;

import java.util.List;

/**
 * What a run of the demo showed.
 *
 * @param steps every step, in order, including those not run after a failure
 * @param uiUrl the local page showing the environment as the plugin's job page does
 * @param cluster what the demo deployed to, in words
 */
public record DemoResult(List<DemoStep> steps, String uiUrl, String cluster) {

    public DemoResult {
        steps = List.copyOf(steps);
    }

    /** True when every step held. */
    public boolean ok() {
        return !steps.isEmpty() && steps.stream().allMatch(DemoStep::ok);
    }
}
