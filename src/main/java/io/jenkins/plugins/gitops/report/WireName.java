package io.jenkins.plugins.gitops.report;

/** An enum constant's spelling in report JSON, which follows Kubernetes' and Argo CD's casing, not Java's. */
interface WireName {

    String wireName();
}
