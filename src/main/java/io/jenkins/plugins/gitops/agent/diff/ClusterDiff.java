package io.jenkins.plugins.gitops.agent.diff;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.agent.apply.ApiErrors;
import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyException;
import io.jenkins.plugins.gitops.agent.apply.InventoryEntry;
import io.jenkins.plugins.gitops.agent.watch.LiveComparison;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares a rendered revision with the cluster the way the drift watch does ({@link LiveComparison}),
 * and lists what the inventory would prune, without writing anything: the requests are GETs of the
 * objects, the inventory and discovery, a LIST of HorizontalPodAutoscalers per namespace, and
 * server-side dry-run applies (a PATCH with {@code dryRun=All}, so RBAC's {@code patch}) where the
 * server must say what it makes of Git's objects. The applier is only asked, never told to apply.
 */
public final class ClusterDiff {

    private ClusterDiff() {}

    /**
     * @param applier configured as the agent's (field manager, environment, inventory, pruning)
     * @throws DiffException one line naming what could not be read (an object, the inventory, the autoscalers)
     */
    public static DiffResult of(KubernetesClient client, Applier applier, List<IgnoreRule> ignoreRules,
            List<ManifestObject> desired) {
        try {
            return compare(client, applier, ignoreRules, desired);
        } catch (ApplyException e) {
            throw new DiffException(e.getMessage(), e);
        }
    }

    private static DiffResult compare(KubernetesClient client, Applier applier, List<IgnoreRule> ignoreRules,
            List<ManifestObject> desired) {
        Set<ResourceId> wanted = desired.stream().map(ManifestObject::id).collect(Collectors.toSet());
        List<InventoryEntry> prunes = !applier.settings().prune() ? List.of()
                : applier.inventory().entries().stream()
                        .filter(entry -> !wanted.contains(entry.id()))
                        .sorted(Comparator.comparing(entry -> entry.id().toString()))
                        .toList();
        LiveComparison comparison = new LiveComparison(applier, ignoreRules, LiveComparison.scaleTargets(autoscalers(client, desired)));
        List<DiffResult.Compared> objects = new ArrayList<>();
        for (ManifestObject object : desired) {
            objects.add(new DiffResult.Compared(object, comparison.compare(object, applier.read(object))));
        }
        return new DiffResult(objects, prunes);
    }

    /** The HorizontalPodAutoscalers in the namespaces of the desired objects. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> autoscalers(KubernetesClient client, List<ManifestObject> desired) {
        Set<String> namespaces = new TreeSet<>();
        desired.stream().filter(object -> !object.id().clusterScoped()).forEach(object -> namespaces.add(object.id().namespace()));
        List<Map<String, Object>> autoscalers = new ArrayList<>();
        for (String namespace : namespaces) {
            try {
                for (GenericKubernetesResource item : client.genericKubernetesResources("autoscaling/v2", "HorizontalPodAutoscaler")
                        .inNamespace(namespace).list().getItems()) {
                    autoscalers.add(client.getKubernetesSerialization().convertValue(item, Map.class));
                }
            } catch (KubernetesClientException e) {
                throw new DiffException("HorizontalPodAutoscalers in " + namespace + ": " + ApiErrors.describe(e), e);
            }
        }
        return autoscalers;
    }
}
