package io.jenkins.plugins.gitops.testing.cluster;

import java.util.Set;

/** One completed request from the control plane's audit log (level Metadata). */
public record AuditEvent(
        String verb, String userAgent, String user, String resource, String namespace, String name, String requestUri, int code) {

    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");

    public boolean isWrite() {
        return WRITES.contains(verb);
    }

    /** A request the agent sent: it names itself {@code gitops-agent/<version>}. */
    public boolean fromAgent() {
        return userAgent.startsWith("gitops-agent/");
    }

    public boolean isDryRun() {
        return requestUri.contains("dryRun=");
    }

    @Override
    public String toString() {
        return verb + " " + requestUri + " (" + code + ", " + userAgent + ")";
    }
}
