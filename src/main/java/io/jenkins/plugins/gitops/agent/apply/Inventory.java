package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the agent has applied and may therefore prune.
 *
 * @param revision the revision whose apply and prune last completed, empty before the first
 * @param pendingRevision the revision being applied while an apply is under way, else empty
 * @param entries the objects, in apply order
 */
public record Inventory(String revision, String pendingRevision, List<InventoryEntry> entries) {

    public static final Inventory EMPTY = new Inventory("", "", List.of());

    public Inventory {
        entries = List.copyOf(entries);
    }

    /** The revision the cluster is being brought to: the pending one while its apply is under way or failed, else the last completed. */
    public String targetRevision() {
        return pendingRevision.isEmpty() ? revision : pendingRevision;
    }

    /** Whether an id is in the inventory. */
    public boolean contains(ResourceId id) {
        return entries.stream().anyMatch(entry -> entry.id().equals(id));
    }

    /** The UIDs recorded, by id; ids with none are left out. */
    Map<ResourceId, String> uids() {
        Map<ResourceId, String> uids = new HashMap<>();
        entries.stream().filter(entry -> !entry.uid().isEmpty()).forEach(entry -> uids.put(entry.id(), entry.uid()));
        return uids;
    }

    /**
     * What is written before applying {@code desired}: this inventory's entries together with the
     * desired ones (keeping the UIDs recorded for them), so whatever the apply creates is recorded
     * before it exists.
     */
    Inventory staging(String newRevision, List<InventoryEntry> desired) {
        Map<ResourceId, String> uids = uids();
        Map<ResourceId, InventoryEntry> union = new LinkedHashMap<>();
        desired.forEach(entry -> union.put(entry.id(), entry.withUid(uids.get(entry.id()))));
        entries.forEach(entry -> union.putIfAbsent(entry.id(), entry));
        return new Inventory(revision, newRevision, new ArrayList<>(union.values()));
    }

    /** The entries of this inventory that are not among {@code desired}: the prune candidates. */
    List<InventoryEntry> without(List<InventoryEntry> desired) {
        List<ResourceId> keep = desired.stream().map(InventoryEntry::id).toList();
        return entries.stream().filter(entry -> !keep.contains(entry.id())).toList();
    }
}
