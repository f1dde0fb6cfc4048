package io.jenkins.plugins.gitops.agent.diff;

import io.jenkins.plugins.gitops.agent.apply.InventoryEntry;
import io.jenkins.plugins.gitops.agent.watch.Observation;
import io.jenkins.plugins.gitops.agent.watch.ReportAssembler;
import io.jenkins.plugins.gitops.drift.DriftStatus;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A revision compared with the cluster.
 *
 * @param objects each desired object, in the revision's order, with how the cluster has it
 * @param prunes what the inventory lists and the revision no longer has: what applying it would prune
 */
public record DiffResult(List<Compared> objects, List<InventoryEntry> prunes) {

    /** The message of a prune's entry. */
    static final String WOULD_PRUNE = "in the inventory and no longer in Git: applying would prune it";

    /** One desired object and how the cluster has it. */
    public record Compared(ManifestObject desired, Observation observation) {

        public Compared {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(observation, "observation");
        }

        public DriftStatus status() {
            return observation.drift().status();
        }
    }

    public DiffResult {
        objects = List.copyOf(objects);
        prunes = List.copyOf(prunes);
    }

    /** Whether applying the revision would change anything: an object drifted or missing, or one to prune. */
    public boolean differs() {
        return !prunes.isEmpty() || objects.stream().anyMatch(object -> object.status() != DriftStatus.IN_SYNC);
    }

    /**
     * As a report's resources: each desired object as reports show it ({@code InSync}, {@code Drifted}
     * with its masked diffs, {@code Missing}: applying would create it), then each prune as {@code Pruned}
     * with a message saying it is yet to be.
     */
    public List<ResourceEntry> entries() {
        List<ResourceEntry> entries = new ArrayList<>();
        objects.forEach(object -> entries.add(ReportAssembler.entry(object.desired(), object.observation())));
        for (InventoryEntry prune : prunes) {
            ResourceId id = prune.id();
            entries.add(new ResourceEntry(prune.apiVersion(), id.kind(), id.clusterScoped() ? null : id.namespace(), id.name(),
                    ResourceStatus.PRUNED, Health.UNKNOWN, List.of(), WOULD_PRUNE));
        }
        return entries;
    }
}
