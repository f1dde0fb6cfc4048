package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@link Inventory} in a ConfigMap in the agent's namespace. Writes carry the
 * resourceVersion last read, so a second agent writing the same inventory makes one of them fail
 * with a conflict instead of losing entries. The ConfigMap records the agent's environment; one
 * recording another is not this agent's to apply or prune by ({@link ForeignInventoryException}).
 */
final class InventoryStore {

    private static final System.Logger LOG = System.getLogger(InventoryStore.class.getName());

    /** Where agents kept the inventory before it was named after the environment. */
    static final String UNNAMED = ApplierSettings.inventoryNameOf("");

    static final String ENVIRONMENT = "environment";
    static final String REVISION = "revision";
    static final String PENDING_REVISION = "pendingRevision";
    static final String ENTRIES = "entries";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String environment;
    private String resourceVersion;
    private boolean unnamedChecked;

    InventoryStore(KubernetesClient client, String namespace, String name, String environment) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.environment = environment;
    }

    Inventory read() {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            resourceVersion = null;
            warnOfAnUnnamedInventory();
            return Inventory.EMPTY;
        }
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        String owner = data.getOrDefault(ENVIRONMENT, "");
        if (!owner.isEmpty() && !owner.equals(environment)) {
            throw new ForeignInventoryException("inventory ConfigMap " + namespace + "/" + name + " belongs to environment '"
                    + owner + "', this agent's is " + (environment.isEmpty() ? "not set" : "'" + environment + "'")
                    + "; give each environment's agent an inventory of its own (--inventory-name)");
        }
        resourceVersion = map.getMetadata().getResourceVersion();
        List<InventoryEntry> entries = new ArrayList<>();
        for (String line : data.getOrDefault(ENTRIES, "").split("\n")) {
            if (!line.isBlank()) {
                try {
                    entries.add(InventoryEntry.parse(line.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            "inventory ConfigMap " + namespace + "/" + name + " has a bad entry: " + e.getMessage(), e);
                }
            }
        }
        return new Inventory(data.getOrDefault(REVISION, ""), data.getOrDefault(PENDING_REVISION, ""), entries);
    }

    /**
     * An agent upgraded from before inventories were named after the environment starts on an empty inventory
     * and would never prune what the old one lists. It is not taken over unasked: nothing says which
     * environment wrote it, and pruning by another environment's list deletes that environment's objects.
     */
    private void warnOfAnUnnamedInventory() {
        if (unnamedChecked || name.equals(UNNAMED)) {
            return;
        }
        unnamedChecked = true;
        ConfigMap unnamed = client.configMaps().inNamespace(namespace).withName(UNNAMED).get();
        if (unnamed != null && (unnamed.getData() == null || !unnamed.getData().containsKey(ENVIRONMENT))) {
            LOG.log(System.Logger.Level.WARNING, "inventory ConfigMap {0}/{1} does not exist, but {0}/{2} of an earlier agent"
                    + " does; what it lists is not pruned unless this agent takes it over with --inventory-name {2}",
                    namespace, name, UNNAMED);
        }
    }

    void write(Inventory inventory) {
        Map<String, String> data = new LinkedHashMap<>();
        if (!environment.isEmpty()) {
            data.put(ENVIRONMENT, environment);
        }
        data.put(REVISION, inventory.revision());
        if (!inventory.pendingRevision().isEmpty()) {
            data.put(PENDING_REVISION, inventory.pendingRevision());
        }
        StringBuilder lines = new StringBuilder();
        inventory.entries().forEach(entry -> lines.append(entry.line()).append('\n'));
        data.put(ENTRIES, lines.toString());
        ConfigMap map = new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withResourceVersion(resourceVersion)
                .addToLabels("app.kubernetes.io/managed-by", "gitops-agent")
                .endMetadata()
                .withData(data)
                .build();
        var resource = client.configMaps().inNamespace(namespace).resource(map);
        ConfigMap written = resourceVersion == null ? resource.create() : resource.update();
        resourceVersion = written.getMetadata().getResourceVersion();
    }
}
