package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** One-line descriptions of failed API calls: the server's reason, code and message. */
public final class ApiErrors {

    private ApiErrors() {}

    /** For example {@code Forbidden (403): deployments.apps "web" is forbidden: ...}. */
    public static String describe(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            String reason = status.getReason() == null || status.getReason().isBlank() ? "" : status.getReason() + " ";
            return oneLine(reason + "(" + e.getCode() + "): " + status.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return oneLine(e.getCode() > 0 ? "(" + e.getCode() + "): " + message : "API server unreachable: " + message);
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
