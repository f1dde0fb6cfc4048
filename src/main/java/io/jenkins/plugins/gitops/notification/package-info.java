/**
 * Notifications of an environment's transitions, without Jenkins: from consecutive reports, which
 * transitions a "When a GitOps environment changes" trigger reacts to (drift appears, health becomes
 * Degraded, a revision fails to apply, a new revision is synced), debounced so one incident is one
 * notification, and the parameters the triggered build gets. Pure; the {@code jenkins} layer feeds it
 * the reports its store accepts and schedules the builds.
 */
package io.jenkins.plugins.gitops.notification;
