package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few API calls the applier makes, on objects held as plain trees. Every call is one HTTP
 * request; failures surface as {@link KubernetesClientException}.
 */
final class KubeApi {

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;

    KubeApi(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
    }

    /**
     * All objects of a type in one namespace, or in all namespaces when {@code namespace} is empty.
     * A type the server does not serve (yet) has no objects. List items carry no apiVersion and kind
     * on the wire; they are filled in so items compare with desired objects.
     */
    List<Map<String, Object>> list(ResourceDefinitionContext type, String namespace) {
        var operation = client.genericKubernetesResources(type);
        GenericKubernetesResourceList list;
        try {
            list = type.isNamespaceScoped() && !namespace.isEmpty()
                    ? operation.inNamespace(namespace).list()
                    : operation.inAnyNamespace().list();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<Map<String, Object>> items = new ArrayList<>(list.getItems().size());
        for (GenericKubernetesResource item : list.getItems()) {
            Map<String, Object> tree = tree(item);
            tree.put("apiVersion", ResourceTypes.apiVersion(type));
            tree.put("kind", type.getKind());
            items.add(tree);
        }
        return items;
    }

    /** The live object, or null when there is none. */
    Map<String, Object> get(ObjectRef ref) {
        GenericKubernetesResource live = resource(ref).get();
        return live == null ? null : tree(live);
    }

    Map<String, Object> create(ObjectRef ref, Map<String, Object> body) {
        return tree(operation(ref).resource(serialization.convertValue(body, GenericKubernetesResource.class)).create());
    }

    /** A JSON merge patch ({@code application/merge-patch+json}). */
    Map<String, Object> mergePatch(ObjectRef ref, Map<String, Object> patch) {
        return tree(resource(ref).patch(PatchContext.of(PatchType.JSON_MERGE), Json.write(patch)));
    }

    /** A server-side apply ({@code application/apply-patch+yaml}; JSON is YAML). */
    Map<String, Object> serverSideApply(ObjectRef ref, Map<String, Object> body, String fieldManager, boolean force) {
        PatchContext context = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        context.setFieldManager(fieldManager);
        context.setForce(force ? Boolean.TRUE : null);
        return tree(resource(ref).patch(context, Json.write(body)));
    }

    /** Deletes in the background (dependents are collected by the garbage collector); false when already gone. */
    boolean delete(ObjectRef ref) {
        return !resource(ref).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(ObjectRef ref) {
        var operation = client.genericKubernetesResources(ref.type());
        return ref.type().isNamespaceScoped() ? operation.inNamespace(ref.namespace()) : operation;
    }

    private Resource<GenericKubernetesResource> resource(ObjectRef ref) {
        return operation(ref).withName(ref.name());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(GenericKubernetesResource resource) {
        return serialization.convertValue(resource, Map.class);
    }
}
