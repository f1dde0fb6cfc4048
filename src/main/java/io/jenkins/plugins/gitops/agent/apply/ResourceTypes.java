package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the API resource (plural, scope) of an apiVersion and kind: first the
 * CustomResourceDefinitions of the revision being applied (their types do not exist before they are
 * applied), then the client's built-in kinds, then API discovery.
 */
final class ResourceTypes {

    private final KubernetesClient client;
    private final Map<String, ResourceDefinitionContext> known = new HashMap<>();

    ResourceTypes(KubernetesClient client) {
        this.client = client;
    }

    static String apiVersion(ResourceDefinitionContext type) {
        return type.getGroup() == null || type.getGroup().isEmpty()
                ? type.getVersion()
                : type.getGroup() + "/" + type.getVersion();
    }

    /** Learns the types a CustomResourceDefinition of the revision defines, one per served version. */
    void learn(ManifestObject crd) {
        definedBy(crd.content()).forEach(type -> known.put(apiVersion(type) + "|" + type.getKind(), type));
    }

    /** The types a CustomResourceDefinition (as in Git or live) defines, one per served version, in its order. */
    static List<ResourceDefinitionContext> definedBy(Map<String, Object> crd) {
        String group = ObjectTree.textAt(crd, "spec", "group");
        String kind = ObjectTree.textAt(crd, "spec", "names", "kind");
        String plural = ObjectTree.textAt(crd, "spec", "names", "plural");
        if (group == null || kind == null || plural == null) {
            return List.of();
        }
        boolean namespaced = !"Cluster".equals(ObjectTree.textAt(crd, "spec", "scope"));
        List<ResourceDefinitionContext> types = new ArrayList<>();
        for (Map<String, Object> version : ObjectTree.mapsAt(crd, "spec", "versions")) {
            if (version.get("name") instanceof String name && Boolean.TRUE.equals(version.get("served"))) {
                types.add(new ResourceDefinitionContext.Builder()
                        .withGroup(group)
                        .withVersion(name)
                        .withKind(kind)
                        .withPlural(plural)
                        .withNamespaced(namespaced)
                        .build());
            }
        }
        return types;
    }

    /** The resource type, or an {@link UnknownKindException} naming the apiVersion and kind. */
    ResourceDefinitionContext resolve(String apiVersion, String kind) {
        String key = apiVersion + "|" + kind;
        ResourceDefinitionContext type = known.get(key);
        if (type == null) {
            type = builtIn(apiVersion, kind);
            if (type == null) {
                type = discover(apiVersion, kind);
            }
            if (type == null) {
                throw new UnknownKindException("the API server does not serve kind " + kind + " in " + apiVersion);
            }
            known.put(key, type);
        }
        return type;
    }

    /**
     * Whether the API server serves the kind now, asked afresh: its definition may have been deleted
     * or its version no longer served since the type was learned. One that is not is forgotten.
     */
    boolean served(String apiVersion, String kind) {
        if (discover(apiVersion, kind) != null) {
            return true;
        }
        known.remove(apiVersion + "|" + kind);
        return false;
    }

    /**
     * Every namespaced kind whose objects can be listed and deleted, at its group's preferred version:
     * what deleting a namespace deletes. One discovery request per API group.
     */
    List<ResourceDefinitionContext> namespacedKinds() {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        APIGroupList groups = client.getApiGroups();
        if (groups != null) {
            for (APIGroup group : groups.getGroups()) {
                if (group.getPreferredVersion() != null) {
                    groupVersions.add(group.getPreferredVersion().getGroupVersion());
                }
            }
        }
        List<ResourceDefinitionContext> kinds = new ArrayList<>();
        for (String groupVersion : groupVersions) {
            APIResourceList resources = client.getApiResources(groupVersion);
            if (resources != null) {
                for (APIResource resource : resources.getResources()) {
                    if (!resource.getName().contains("/") && Boolean.TRUE.equals(resource.getNamespaced())
                            && resource.getVerbs().containsAll(List.of("list", "delete"))) {
                        kinds.add(ResourceDefinitionContext.fromApiResource(groupVersion, resource));
                    }
                }
            }
        }
        return kinds;
    }

    private ResourceDefinitionContext builtIn(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type =
                client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
        return type == null || type == GenericKubernetesResource.class ? null : ResourceDefinitionContext.fromResourceType(type);
    }

    /** The type as API discovery has it now, or null when the server does not serve it. */
    private ResourceDefinitionContext discover(String apiVersion, String kind) {
        APIResourceList resources = client.getApiResources(apiVersion);
        if (resources != null) {
            for (APIResource resource : resources.getResources()) {
                if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                    return ResourceDefinitionContext.fromApiResource(apiVersion, resource);
                }
            }
        }
        return null;
    }

    /** The API server has no such kind: usually a missing CustomResourceDefinition. */
    static final class UnknownKindException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownKindException(String message) {
            super(message);
        }
    }
}
