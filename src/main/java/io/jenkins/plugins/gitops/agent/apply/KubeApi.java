package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The few API calls the applier makes, on objects held as plain trees. Each method sends exactly
 * one HTTP request through the client's configured HTTP client (its authentication, TLS and
 * timeouts), with the content type that names the patch semantics; failures surface as
 * {@link KubernetesClientException} carrying the server's {@link Status}.
 */
final class KubeApi {

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String JSON_PATCH = "application/json-patch+json";

    private final KubernetesClient client;
    private final HttpClient http;
    private final String root;

    KubeApi(KubernetesClient client) {
        this.client = client;
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.root = master.endsWith("/") ? master : master + "/";
    }

    /**
     * The objects of a type carrying the labels {@code selector} names (every object when it is empty), in one
     * namespace or in all namespaces
     * when {@code namespace} is empty, handed to {@code each} as they arrive: one LIST request per page of
     * {@link ManagedLabel#PAGE_SIZE}, following the server's {@code continue} token, so only a page is held
     * at a time. A type the server does not serve (yet) has no objects. List items carry no apiVersion and
     * kind on the wire; they are filled in so items compare with desired objects.
     */
    void list(ResourceDefinitionContext type, String namespace, String selector, Consumer<Map<String, Object>> each) {
        String first = collection(type, namespace) + "?limit=" + ManagedLabel.PAGE_SIZE
                + (selector.isEmpty() ? "" : "&labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        String next = "";
        do {
            String uri = next.isEmpty() ? first : first + "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            Map<String, Object> page = send(http.newHttpRequestBuilder().uri(uri), true);
            if (page == null) {
                return;
            }
            for (Map<String, Object> item : ObjectTree.mapsAt(page, "items")) {
                item.put("apiVersion", ResourceTypes.apiVersion(type));
                item.put("kind", type.getKind());
                each.accept(item);
            }
            String token = ObjectTree.textAt(page, "metadata", "continue");
            next = token == null ? "" : token;
        } while (!next.isEmpty());
    }

    /** The live object, or null when there is none. */
    Map<String, Object> get(ObjectRef ref) {
        return send(http.newHttpRequestBuilder().uri(object(ref)), true);
    }

    Map<String, Object> create(ObjectRef ref, Map<String, Object> body, String fieldManager) {
        String uri = collection(ref.type(), ref.namespace()) + manager(fieldManager);
        return send(http.newHttpRequestBuilder().uri(uri).post(JSON, Json.write(body)), false);
    }

    /** A JSON merge patch: maps merge, lists are replaced, null removes a field. */
    Map<String, Object> mergePatch(ObjectRef ref, Map<String, Object> patch, String fieldManager) {
        String uri = object(ref) + manager(fieldManager);
        return send(http.newHttpRequestBuilder().uri(uri).method("PATCH", MERGE_PATCH, Json.write(patch)), false);
    }

    /** A JSON patch (RFC 6902): operations on paths, applied all or none. */
    Map<String, Object> jsonPatch(ObjectRef ref, List<Map<String, Object>> operations, String fieldManager) {
        String uri = object(ref) + manager(fieldManager);
        return send(http.newHttpRequestBuilder().uri(uri).method("PATCH", JSON_PATCH, Json.write(operations)), false);
    }

    /** A server-side apply of the whole object as {@code fieldManager}; JSON is valid YAML. */
    Map<String, Object> serverSideApply(ObjectRef ref, Map<String, Object> body, String fieldManager, boolean force) {
        String uri = object(ref) + manager(fieldManager) + (force ? "&force=true" : "");
        return send(http.newHttpRequestBuilder().uri(uri).method("PATCH", APPLY_PATCH, Json.write(body)), false);
    }

    /**
     * What the object would be after a server-side apply of {@code body}, from a dry run that stores
     * nothing: the server's defaults, canonical forms and merges applied as for a real apply.
     */
    Map<String, Object> serverSideApplyDryRun(ObjectRef ref, Map<String, Object> body, String fieldManager) {
        String uri = object(ref) + manager(fieldManager) + "&force=true&dryRun=All";
        return send(http.newHttpRequestBuilder().uri(uri).method("PATCH", APPLY_PATCH, Json.write(body)), false);
    }

    private static String manager(String fieldManager) {
        return "?fieldManager=" + URLEncoder.encode(fieldManager, StandardCharsets.UTF_8);
    }

    /**
     * Deletes in the background (the garbage collector removes dependents) the object of that name
     * only while it has {@code uid}: one created again under the name is refused with 409 Conflict.
     * False when already gone.
     */
    boolean delete(ObjectRef ref, String uid) {
        return delete(ref, Map.of("apiVersion", "v1", "kind", "DeleteOptions", "propagationPolicy", "Background",
                "preconditions", Map.of("uid", uid)));
    }

    /** Deletes in the foreground: the object stays, terminating, until the garbage collector has removed its dependents. */
    boolean deleteInForeground(ObjectRef ref) {
        return delete(ref, Map.of("apiVersion", "v1", "kind", "DeleteOptions", "propagationPolicy", "Foreground"));
    }

    private boolean delete(ObjectRef ref, Map<String, Object> options) {
        return send(http.newHttpRequestBuilder().uri(object(ref)).delete(JSON, Json.write(options)), true) != null;
    }

    private String collection(ResourceDefinitionContext type, String namespace) {
        String group = type.getGroup() == null || type.getGroup().isEmpty() ? "api/" : "apis/" + type.getGroup() + "/";
        String scope = type.isNamespaceScoped() && !namespace.isEmpty() ? "namespaces/" + namespace + "/" : "";
        return root + group + type.getVersion() + "/" + scope + type.getPlural();
    }

    private String object(ObjectRef ref) {
        return collection(ref.type(), ref.namespace()) + "/" + ref.name();
    }

    /** The response object; null for a 404 when {@code absentIsNull}. */
    private Map<String, Object> send(HttpRequest.Builder builder, boolean absentIsNull) {
        HttpRequest request = builder.header("Accept", JSON).build();
        HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted: " + request.method() + " " + request.uri().getPath(), e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException(request.method() + " " + request.uri().getPath() + " failed", e.getCause());
        }
        if (response.code() == HttpURLConnection.HTTP_NOT_FOUND && absentIsNull) {
            return null;
        }
        Map<String, Object> body = response.body() == null ? null : Json.readObject(response.body());
        if (!response.isSuccessful()) {
            throw new KubernetesClientException(status(response.code(), body, response.body()));
        }
        return body;
    }

    private Status status(int code, Map<String, Object> body, String text) {
        if (body != null && "Status".equals(body.get("kind"))) {
            return client.getKubernetesSerialization().convertValue(body, Status.class);
        }
        String message = text == null || text.isBlank() ? "HTTP " + code : text.strip().lines().findFirst().orElse("");
        return new StatusBuilder().withCode(code).withMessage(message).build();
    }
}
