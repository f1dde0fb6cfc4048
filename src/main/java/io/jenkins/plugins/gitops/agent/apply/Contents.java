package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What deleting a Namespace or a CustomResourceDefinition would delete with it, leaving out what the
 * agent is pruning anyway: the server deletes everything in a namespace, and every custom resource of
 * a definition.
 *
 * <p>In a namespace these are left out as well, being the cluster's and not anyone's data: Events,
 * the {@code default} ServiceAccount and {@code kube-root-ca.crt} ConfigMap every namespace gets, the
 * Endpoints the endpoints controller keeps for Services, and dependents: objects with an owner of a
 * namespaced kind (ReplicaSets, Pods, EndpointSlices, ControllerRevisions ...), whose owner is in the
 * same namespace and is judged itself. A custom resource counts whoever owns it: it is data of its
 * kind, and its owner may be of another kind that stays.
 */
final class Contents {

    private static final String ENDPOINTS_MANAGED_BY = "endpoints.kubernetes.io/managed-by";

    private final KubeApi api;
    private final ResourceTypes types;

    Contents(KubeApi api, ResourceTypes types) {
        this.api = api;
        this.types = types;
    }

    /** The objects in {@code namespace} that are not among {@code pruning} and not the cluster's own; one LIST per kind. */
    List<ResourceId> ofNamespace(String namespace, Set<ResourceId> pruning) {
        List<ResourceId> held = new ArrayList<>();
        for (ResourceDefinitionContext type : types.namespacedKinds()) {
            if (type.getPlural().equals("events")) {
                continue;
            }
            // Everything, not only what carries the agent's label: what matters is what else is in there.
            api.list(type, namespace, "", item -> {
                ResourceId id = idOf(type, item);
                if (!pruning.contains(id) && !clusterMade(id, item) && !dependent(item)) {
                    held.add(id);
                }
            });
        }
        return held;
    }

    /** The custom resources of a live CustomResourceDefinition that are not among {@code pruning}; one LIST. */
    List<ResourceId> ofDefinition(Map<String, Object> crd, Set<ResourceId> pruning) {
        List<ResourceDefinitionContext> served = ResourceTypes.definedBy(crd);
        if (served.isEmpty()) {
            return List.of();
        }
        ResourceDefinitionContext type = served.get(0);
        List<ResourceId> held = new ArrayList<>();
        api.list(type, "", "", item -> {
            ResourceId id = idOf(type, item);
            if (!pruning.contains(id)) {
                held.add(id);
            }
        });
        return held;
    }

    private static ResourceId idOf(ResourceDefinitionContext type, Map<String, Object> item) {
        String namespace = ObjectTree.textAt(item, "metadata", "namespace");
        return ResourceId.of(ResourceTypes.apiVersion(type), type.getKind(), namespace, ObjectTree.textAt(item, "metadata", "name"));
    }

    private static boolean clusterMade(ResourceId id, Map<String, Object> item) {
        if (!id.group().isEmpty()) {
            return false;
        }
        return switch (id.kind()) {
            case "ServiceAccount" -> id.name().equals("default");
            case "ConfigMap" -> id.name().equals("kube-root-ca.crt");
            case "Endpoints" -> "endpoint-controller".equals(ObjectTree.textAt(item, "metadata", "labels", ENDPOINTS_MANAGED_BY));
            default -> false;
        };
    }

    private boolean dependent(Map<String, Object> item) {
        for (Map<String, Object> owner : ObjectTree.mapsAt(item, "metadata", "ownerReferences")) {
            if (owner.get("apiVersion") instanceof String apiVersion && owner.get("kind") instanceof String kind) {
                try {
                    if (types.resolve(apiVersion, kind).isNamespaceScoped()) {
                        return true;
                    }
                } catch (ResourceTypes.UnknownKindException e) {
                    // An owner of a kind no longer served is no reason to leave the object out.
                }
            }
        }
        return false;
    }
}
