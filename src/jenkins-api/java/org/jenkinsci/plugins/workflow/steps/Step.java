/*
 * Compile-only mirror of a Jenkins API type: signatures only, never packaged.
 * Upstream: jenkinsci/workflow-step-api-plugin, src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java, tag 724.v538c2362b_dfb_.
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> {
    public abstract StepExecution start(StepContext context) throws Exception;
}
