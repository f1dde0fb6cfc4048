package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.Objects;

/**
 * One object the agent applied: its identity, the apiVersion it was applied with (needed to address
 * it when it is pruned), the UID the server gave it (a delete carries it as a precondition, so an
 * object someone else created again under the name is not deleted) and whether Git annotated it
 * {@value Applier#PRUNE_ANNOTATION}: {@value Applier#PRUNE_ENABLED} (a Namespace or
 * CustomResourceDefinition is pruned only then).
 *
 * <p>Stored as one line {@code apiVersion,kind,namespace,name[,uid=UID][,prune=enabled]}; none of
 * the parts can hold a comma. Lines of older inventories have the first four only: their UID is empty
 * (read live when they are pruned) and they are not marked.
 *
 * @param uid the UID, empty when not known yet (recorded before the object was created, or by an older agent)
 */
public record InventoryEntry(ResourceId id, String apiVersion, String uid, boolean pruneEnabled) {

    private static final String UID = "uid=";
    private static final String PRUNE = "prune=" + Applier.PRUNE_ENABLED;

    public InventoryEntry {
        Objects.requireNonNull(uid, "uid");
    }

    /** An entry with no UID recorded, not marked for pruning. */
    public InventoryEntry(ResourceId id, String apiVersion) {
        this(id, apiVersion, "", false);
    }

    /** This entry with {@code newUid}, or as it is when that is empty. */
    InventoryEntry withUid(String newUid) {
        return newUid == null || newUid.isEmpty() ? this : new InventoryEntry(id, apiVersion, newUid, pruneEnabled);
    }

    static InventoryEntry parse(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length < 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not apiVersion,kind,namespace,name[,uid=UID][,prune=enabled]: '" + line + "'");
        }
        String uid = "";
        boolean pruneEnabled = false;
        for (int i = 4; i < parts.length; i++) {
            if (parts[i].startsWith(UID) && parts[i].length() > UID.length()) {
                uid = parts[i].substring(UID.length());
            } else if (parts[i].equals(PRUNE)) {
                pruneEnabled = true;
            } else {
                throw new IllegalArgumentException("'" + parts[i] + "' is neither uid=UID nor " + PRUNE + ": '" + line + "'");
            }
        }
        return new InventoryEntry(ResourceId.of(parts[0], parts[1], parts[2], parts[3]), parts[0], uid, pruneEnabled);
    }

    String line() {
        return apiVersion + "," + id.kind() + "," + id.namespace() + "," + id.name()
                + (uid.isEmpty() ? "" : "," + UID + uid) + (pruneEnabled ? "," + PRUNE : "");
    }
}
