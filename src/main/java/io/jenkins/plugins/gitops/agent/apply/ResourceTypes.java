package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import java.util.HashMap;
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
        Map<String, Object> content = crd.content();
        String group = ObjectTree.textAt(content, "spec", "group");
        String kind = ObjectTree.textAt(content, "spec", "names", "kind");
        String plural = ObjectTree.textAt(content, "spec", "names", "plural");
        if (group == null || kind == null || plural == null) {
            return;
        }
        boolean namespaced = !"Cluster".equals(ObjectTree.textAt(content, "spec", "scope"));
        for (Map<String, Object> version : ObjectTree.mapsAt(content, "spec", "versions")) {
            if (version.get("name") instanceof String name) {
                known.put(group + "/" + name + "|" + kind, new ResourceDefinitionContext.Builder()
                        .withGroup(group)
                        .withVersion(name)
                        .withKind(kind)
                        .withPlural(plural)
                        .withNamespaced(namespaced)
                        .build());
            }
        }
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
            known.put(key, type);
        }
        return type;
    }

    private ResourceDefinitionContext builtIn(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type =
                client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
        return type == null || type == GenericKubernetesResource.class ? null : ResourceDefinitionContext.fromResourceType(type);
    }

    private ResourceDefinitionContext discover(String apiVersion, String kind) {
        APIResourceList resources = client.getApiResources(apiVersion);
        if (resources != null) {
            for (APIResource resource : resources.getResources()) {
                if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                    return ResourceDefinitionContext.fromApiResource(apiVersion, resource);
                }
            }
        }
        throw new UnknownKindException("the API server does not serve kind " + kind + " in " + apiVersion);
    }

    /** The API server has no such kind: usually a missing CustomResourceDefinition. */
    static final class UnknownKindException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownKindException(String message) {
            super(message);
        }
    }
}
