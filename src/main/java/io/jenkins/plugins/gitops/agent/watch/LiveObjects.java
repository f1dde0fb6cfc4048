package io.jenkins.plugins.gitops.agent.watch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.AnyNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jenkins.plugins.gitops.agent.apply.ManagedLabel;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The live side of the drift watch: one informer per kind the desired objects have (in the namespace
 * all of that kind's objects share, else across namespaces, so a namespace-scoped agent needs no
 * cluster-wide rights), and one on HorizontalPodAutoscalers where the desired objects live. Objects
 * are handed out as plain trees with {@code apiVersion} and {@code kind} filled in.
 *
 * <p>The informers of desired kinds, and the reads of a resync, select the {@link ManagedLabel} the
 * applier sets, so the cache holds the agent's objects and none of the others of those kinds (a
 * cluster's Helm release Secrets); an object whose label someone removes looks deleted until the
 * agent labels it again. Every LIST, an informer's included, comes in pages of
 * {@link ManagedLabel#PAGE_SIZE}.
 *
 * <p>A kind whose informer cannot start (the API server does not serve it, or RBAC forbids the watch)
 * is logged once and read with a GET per evaluation instead.
 */
final class LiveObjects implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LiveObjects.class.getName());

    static final String AUTOSCALER_API_VERSION = "autoscaling/v2";
    static final String AUTOSCALER_KIND = "HorizontalPodAutoscaler";

    /** What one informer watches: a kind, in one namespace or in all ({@code ""}). */
    record Scope(String apiVersion, String kind, String namespace) {}

    /** Receives changes; called on informer threads, so it must return quickly. */
    interface Listener {
        void changed(ResourceId id);

        void autoscalersChanged();
    }

    /** A fresh read of every desired object: the objects found, and the scopes that could not be listed. */
    record Snapshot(Map<ResourceId, Map<String, Object>> objects, Set<Scope> unreadable) {}

    private final KubernetesClient client;
    private final ManagedLabel label;
    private final Listener listener;
    private final Duration syncTimeout;
    private final Map<Scope, SharedIndexInformer<GenericKubernetesResource>> informers = new HashMap<>();
    private final Map<String, Scope> scopeByKind = new HashMap<>();
    private Scope autoscalerScope;

    LiveObjects(KubernetesClient client, ManagedLabel label, Listener listener, Duration syncTimeout) {
        this.client = client;
        this.label = label;
        this.listener = listener;
        this.syncTimeout = syncTimeout;
    }

    /** Starts the informers the desired objects need and stops those they no longer need. */
    synchronized void watch(List<ManifestObject> desired) {
        Map<String, Set<String>> namespaces = new LinkedHashMap<>();
        Map<String, String> apiVersions = new HashMap<>();
        Set<String> workloadNamespaces = new HashSet<>();
        for (ManifestObject object : desired) {
            String kind = kindKey(object.id());
            namespaces.computeIfAbsent(kind, key -> new HashSet<>()).add(object.id().namespace());
            apiVersions.putIfAbsent(kind, object.apiVersion());
            if (!object.id().clusterScoped()) {
                workloadNamespaces.add(object.id().namespace());
            }
        }
        scopeByKind.clear();
        namespaces.forEach((kind, set) -> scopeByKind.put(kind, new Scope(apiVersions.get(kind), kind.substring(kind.indexOf('/') + 1),
                set.size() == 1 ? set.iterator().next() : "")));
        autoscalerScope = workloadNamespaces.isEmpty() ? null : new Scope(AUTOSCALER_API_VERSION, AUTOSCALER_KIND,
                workloadNamespaces.size() == 1 ? workloadNamespaces.iterator().next() : "");
        Set<Scope> wanted = new HashSet<>(scopeByKind.values());
        if (autoscalerScope != null) {
            wanted.add(autoscalerScope);
        }
        informers.entrySet().removeIf(entry -> {
            boolean unwanted = !wanted.contains(entry.getKey());
            if (unwanted) {
                entry.getValue().stop();
            }
            return unwanted;
        });
        for (Scope scope : wanted) {
            if (!informers.containsKey(scope)) {
                SharedIndexInformer<GenericKubernetesResource> informer = start(scope);
                if (informer != null) {
                    informers.put(scope, informer);
                }
            }
        }
    }

    /** The object as its informer last saw it (a GET when its kind has no informer); null when it does not exist. */
    synchronized Map<String, Object> cached(ResourceId id) {
        Scope scope = scopeByKind.get(kindKey(id));
        if (scope == null) {
            return null;
        }
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(scope);
        GenericKubernetesResource resource = informer != null
                ? informer.getStore().getByKey(id.clusterScoped() ? id.name() : Cache.namespaceKeyFunc(id.namespace(), id.name()))
                : (id.clusterScoped() ? kind(scope) : kind(scope).inNamespace(id.namespace())).withName(id.name()).get();
        return resource == null ? null : tree(scope, resource);
    }

    /** The HorizontalPodAutoscalers as the informer last saw them (listed when it has none). */
    synchronized List<Map<String, Object>> cachedAutoscalers() {
        if (autoscalerScope == null) {
            return List.of();
        }
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(autoscalerScope);
        if (informer != null) {
            return informer.getStore().list().stream().map(item -> tree(autoscalerScope, item)).toList();
        }
        List<Map<String, Object>> trees = new ArrayList<>();
        listPaged(autoscalerScope, item -> trees.add(tree(autoscalerScope, item)));
        return trees;
    }

    /** Every object of the watched kinds read afresh from the API server, one LIST per kind. */
    synchronized Snapshot readAll() {
        Map<ResourceId, Map<String, Object>> objects = new HashMap<>();
        Set<Scope> unreadable = new HashSet<>();
        for (Scope scope : scopeByKind.values()) {
            try {
                listPaged(scope, item -> objects.put(ResourceId.of(scope.apiVersion(), scope.kind(),
                        item.getMetadata().getNamespace(), item.getMetadata().getName()), tree(scope, item)));
            } catch (RuntimeException e) {
                unreadable.add(scope);
                LOG.log(Level.WARNING, "Cannot list {0} {1}: {2}", scope.apiVersion(), scope.kind(), oneLine(e));
            }
        }
        return new Snapshot(objects, unreadable);
    }

    /** The scope an object is watched in. */
    synchronized Scope scopeOf(ResourceId id) {
        return scopeByKind.get(kindKey(id));
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }

    private SharedIndexInformer<GenericKubernetesResource> start(Scope scope) {
        boolean autoscalers = scope.equals(autoscalerScope);
        SharedIndexInformer<GenericKubernetesResource> informer = null;
        try {
            informer = selected(scope).withLimit((long) ManagedLabel.PAGE_SIZE).runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
                @Override
                public void onAdd(GenericKubernetesResource resource) {
                    notify(resource);
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                    notify(after);
                }

                @Override
                public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                    notify(resource);
                }

                private void notify(GenericKubernetesResource resource) {
                    if (autoscalers) {
                        listener.autoscalersChanged();
                    } else {
                        listener.changed(ResourceId.of(scope.apiVersion(), scope.kind(),
                                resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
                    }
                }
            });
            informer.start().toCompletableFuture().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return informer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(informer);
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(informer);
            LOG.log(Level.WARNING, "Cannot watch {0} {1}{2}; reading its objects one by one instead: {3}",
                    scope.apiVersion(), scope.kind(), scope.namespace().isEmpty() ? "" : " in " + scope.namespace(),
                    oneLine(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e));
            return null;
        }
    }

    private static void stopQuietly(SharedIndexInformer<GenericKubernetesResource> informer) {
        if (informer != null) {
            informer.stop();
        }
    }

    /** Every object of a scope, a page at a time. */
    private void listPaged(Scope scope, Consumer<GenericKubernetesResource> each) {
        String next = null;
        do {
            GenericKubernetesResourceList page = selected(scope)
                    .list(new ListOptionsBuilder().withLimit((long) ManagedLabel.PAGE_SIZE).withContinue(next).build());
            page.getItems().forEach(each);
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
    }

    /** Lists and watches of a scope: of the agent's objects for a desired kind, of all autoscalers. */
    private FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            selected(Scope scope) {
        return scope.equals(autoscalerScope) ? operation(scope) : operation(scope).withLabel(ManagedLabel.KEY, label.value());
    }

    /** Lists and watches of a scope. */
    private AnyNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(Scope scope) {
        return scope.namespace().isEmpty() ? kind(scope).inAnyNamespace() : kind(scope).inNamespace(scope.namespace());
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            kind(Scope scope) {
        return client.genericKubernetesResources(scope.apiVersion(), scope.kind());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(Scope scope, GenericKubernetesResource resource) {
        Map<String, Object> tree = new LinkedHashMap<>(client.getKubernetesSerialization().convertValue(resource, Map.class));
        // Items of a LIST or watch may come without them; health and comparison need both.
        tree.put("apiVersion", scope.apiVersion());
        tree.put("kind", scope.kind());
        return tree;
    }

    private static String kindKey(ResourceId id) {
        return id.group() + "/" + id.kind();
    }

    /** The exception's class and first line: enough to act on, and no object content. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
