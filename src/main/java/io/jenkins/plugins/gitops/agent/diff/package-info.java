/**
 * What applying a revision would change, without changing anything: the {@code diff} command's core.
 * {@link io.jenkins.plugins.gitops.agent.diff.ClusterDiff} reads the cluster (GETs of the objects, the
 * inventory and the autoscalers) and compares each object through the drift watch's own
 * {@link io.jenkins.plugins.gitops.agent.watch.LiveComparison}, whose server-side dry-run applies store
 * nothing; {@link io.jenkins.plugins.gitops.agent.diff.DiffText} (pure) shows the result as unified
 * diffs, and {@link io.jenkins.plugins.gitops.agent.diff.DiffResult#entries()} as report entries.
 */
package io.jenkins.plugins.gitops.agent.diff;
