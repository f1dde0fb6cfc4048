package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ResourceId;

/**
 * One object the agent applied: its identity and the apiVersion it was applied with (needed to
 * address it when it is pruned). Stored as one line {@code apiVersion,kind,namespace,name}; none of
 * the four can hold a comma.
 */
public record InventoryEntry(ResourceId id, String apiVersion) {

    static InventoryEntry parse(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not apiVersion,kind,namespace,name: '" + line + "'");
        }
        return new InventoryEntry(ResourceId.of(parts[0], parts[1], parts[2], parts[3]), parts[0]);
    }

    String line() {
        return apiVersion + "," + id.kind() + "," + id.namespace() + "," + id.name();
    }
}
