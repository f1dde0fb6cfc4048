package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Action;
import io.jenkins.plugins.gitops.agent.apply.ApplyResult.Outcome;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the cluster match one revision: applies its objects in {@link ApplyOrder}, then prunes what
 * the previous revision applied and this one no longer has.
 *
 * <h2>Requests</h2>
 * Live state is read with one LIST per kind (in the objects' namespace when they share one, else
 * across namespaces), made when the kind's apply group is reached, so custom resources are listed
 * after their definitions are Established. The LIST selects the {@link ManagedLabel} every applied
 * object carries and comes in pages of {@link ManagedLabel#PAGE_SIZE}, so neither the response nor
 * what is kept of it grows with objects the agent does not manage; a desired object it does not
 * return (new, or not labelled yet) is read with a GET. An object whose live state already matches
 * is not written; a reconcile with nothing to change sends one GET (the inventory) and the LISTs.
 *
 * <h2>Failures</h2>
 * A failed object does not stop the others of its group, but later groups are not applied and
 * nothing is pruned; every failure is a one-line {@link Outcome} naming the object.
 *
 * <h2>Immutable fields</h2>
 * A write the server refuses because it changes fields that cannot change once the object exists
 * ({@link ImmutableFields}) fails naming those fields, unless the object is annotated
 * {@value #REPLACE_ANNOTATION}: {@value #REPLACE_ENABLED}. Such an object is deleted in the foreground,
 * awaited until it is gone (bounded by {@link ApplierSettings#replaceTimeout()}) and created again,
 * and its outcome is {@link Action#REPLACED}.
 *
 * <h2>Inventory protocol</h2>
 * The inventory (a ConfigMap, see {@link InventoryStore}) lists what the agent applied, so only
 * that is ever pruned.
 * <ol>
 *   <li>Read the inventory I (revision r0).
 *   <li>If the revision adds objects, write I ∪ D (D: the desired objects) with
 *       {@code pendingRevision} = r1, before anything is created.
 *   <li>Apply D. On a failure stop here: the inventory stays I ∪ D.
 *   <li>Prune I \ D in reverse apply order. An object annotated {@value #PRUNE_ANNOTATION}:
 *       {@value #PRUNE_DISABLED} is left in place and dropped from the inventory; an object already
 *       gone is dropped; a failed delete stays in the inventory to be retried. Each delete carries the
 *       UID recorded when the agent applied the object, so one created again by someone else under
 *       the name is not deleted (and dropped). A Namespace or CustomResourceDefinition is deleted only
 *       with {@link ApplierSettings#pruneNamespacesAndCrds()} and its entry marked {@value #PRUNE_ANNOTATION}:
 *       {@value #PRUNE_ENABLED} (else left and dropped), never the agent's own namespace, and only once
 *       it holds nothing the agent is not pruning ({@link Contents}; until then it stays in the
 *       inventory). An entry whose kind the server does not serve stays. Each object not deleted has
 *       a {@link Action#KEPT} outcome saying why. With pruning off, I \ D is dropped without deleting
 *       anything.
 *   <li>Write D plus the failed deletes, revision r1, if that differs from what is stored.
 * </ol>
 * Each write replaces the ConfigMap whole, so a crash at any point leaves either the old or the new
 * content, and the inventory always holds every object the agent may have created that is not yet
 * deleted: nothing is orphaned, and an object never applied by the agent is never deleted.
 */
public final class Applier {

    public static final String PRUNE_ANNOTATION = "gitops.jenkins.io/prune";
    public static final String PRUNE_DISABLED = "disabled";
    public static final String PRUNE_ENABLED = "enabled";
    public static final String REPLACE_ANNOTATION = "gitops.jenkins.io/replace";
    public static final String REPLACE_ENABLED = "enabled";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final KubeApi api;
    private final ResourceTypes types;
    private final InventoryStore inventoryStore;
    private final Contents contents;
    private final ApplierSettings settings;
    /** A revision that only changes objects is written to the inventory only once its apply completes; this knows it sooner. */
    private String lastRevision = "";

    public Applier(KubernetesClient client, ApplierSettings settings) {
        this.api = new KubeApi(client);
        this.types = new ResourceTypes(client);
        this.inventoryStore = new InventoryStore(client, settings.inventoryNamespace(), settings.inventoryName(),
                settings.environment());
        this.contents = new Contents(api, types);
        this.settings = settings;
    }

    public ApplierSettings settings() {
        return settings;
    }

    /**
     * Applies a validated revision and prunes what it dropped.
     *
     * @param revision the commit SHA the objects were rendered from
     * @param objects the rendered objects, each id once
     * @throws ApplyException when the inventory cannot be read or written
     */
    public synchronized ApplyResult apply(String revision, List<ManifestObject> objects) {
        lastRevision = revision;
        return new Run(revision, ApplyOrder.sort(objects)).execute();
    }

    /** The revision this applier last began to apply, whatever came of it; empty before the first. */
    public synchronized String lastRevision() {
        return lastRevision;
    }

    /**
     * The inventory as stored now (one GET).
     *
     * @throws ForeignInventoryException when it belongs to another environment, as every apply does before writing
     */
    public synchronized Inventory inventory() {
        return readInventory();
    }

    /**
     * What the API server makes of {@code object} as this applier applies it, for the drift watch to
     * compare the live object with: the live object itself when it still holds the configuration the
     * agent applied ({@link AppliedConfiguration#intact}, no request), else the response of a
     * server-side dry-run apply (nothing stored). Empty when the strategy is not server-side apply,
     * the object does not exist, or the server takes no apply patches (415): compare without one.
     *
     * @throws ApplyException one line naming the object when the dry run fails otherwise
     */
    public synchronized Optional<Map<String, Object>> rendition(ManifestObject object, Map<String, Object> live) {
        if (live == null || !(settings.strategy() instanceof ServerSideApply serverSide)) {
            return Optional.empty();
        }
        ResourceId id = object.id();
        Map<String, Object> stamped = AppliedConfiguration.stamped(asSent(object));
        if (AppliedConfiguration.intact(live, stamped, serverSide.fieldManager())) {
            return Optional.of(live);
        }
        try {
            ObjectRef ref = new ObjectRef(types.resolve(object.apiVersion(), id.kind()), id.namespace(), id.name());
            return Optional.of(api.serverSideApplyDryRun(ref, stamped, serverSide.fieldManager()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_UNSUPPORTED_TYPE) {
                return Optional.empty();
            }
            throw new ApplyException(id + ": dry-run apply: " + ApiErrors.describe(e), e);
        } catch (ResourceTypes.UnknownKindException e) {
            throw new ApplyException(id + ": dry-run apply: " + ApiErrors.oneLine(e.getMessage()), e);
        }
    }

    /**
     * The object as the API server stores it now (one GET; discovery the first time its kind is seen),
     * for a comparison that writes nothing.
     *
     * @return null when it does not exist, or its kind is not served (a custom resource whose definition
     *     has yet to be applied)
     * @throws ApplyException one line naming the object when the server cannot be asked
     */
    public synchronized Map<String, Object> read(ManifestObject object) {
        ResourceId id = object.id();
        try {
            return api.get(new ObjectRef(types.resolve(object.apiVersion(), id.kind()), id.namespace(), id.name()));
        } catch (ResourceTypes.UnknownKindException e) {
            return null;
        } catch (KubernetesClientException e) {
            throw new ApplyException(id + ": " + ApiErrors.describe(e), e);
        }
    }

    /** The inventory entry of a desired object: no UID yet, marked when Git allows pruning it. */
    private static InventoryEntry entryOf(ManifestObject object) {
        String prune = ObjectTree.textAt(object.content(), "metadata", "annotations", PRUNE_ANNOTATION);
        return new InventoryEntry(object.id(), object.apiVersion(), "", PRUNE_ENABLED.equals(prune));
    }

    private static String uidOf(Map<String, Object> live) {
        return live == null ? null : ObjectTree.textAt(live, "metadata", "uid");
    }

    /**
     * The object as the strategies send it: a copy with its apiVersion, a Secret's stringData folded into data,
     * and the {@link ManagedLabel}.
     */
    private Map<String, Object> asSent(ManifestObject object) {
        Map<String, Object> desired = SecretData.asStored(object.id(), ObjectTree.copy(object.content()));
        desired.put("apiVersion", object.apiVersion());
        return settings.label().setOn(desired);
    }

    private Inventory readInventory() {
        try {
            return inventoryStore.read();
        } catch (KubernetesClientException e) {
            throw new ApplyException(inventoryName() + ": " + ApiErrors.describe(e), e);
        } catch (IllegalStateException e) {
            throw new ApplyException(e.getMessage(), e);
        }
    }

    private void writeInventory(Inventory inventory) {
        try {
            inventoryStore.write(inventory);
        } catch (KubernetesClientException e) {
            throw new ApplyException(inventoryName() + ": " + ApiErrors.describe(e), e);
        }
    }

    private String inventoryName() {
        return "inventory ConfigMap " + settings.inventoryNamespace() + "/" + settings.inventoryName();
    }

    /** The state of one apply. */
    private final class Run {

        private final String revision;
        private final List<ManifestObject> ordered;
        private final Set<ResourceId> desiredIds;
        private final Map<ResourceId, Outcome> outcomes = new LinkedHashMap<>();
        private final Map<ResourceId, Map<String, Object>> live = new HashMap<>();
        private final Map<ResourceId, ObjectRef> refs = new HashMap<>();
        private final Map<String, String> listNamespaceByKind = new HashMap<>();
        private final Map<String, Map<ResourceId, Map<String, Object>>> listedByKind = new HashMap<>();
        private final Map<String, RuntimeException> listFailureByKind = new HashMap<>();

        Run(String revision, List<ManifestObject> ordered) {
            this.revision = revision;
            this.ordered = ordered;
            this.desiredIds = ordered.stream().map(ManifestObject::id).collect(Collectors.toSet());
        }

        ApplyResult execute() {
            Inventory previous = readInventory();
            List<InventoryEntry> desired = ordered.stream().map(Applier::entryOf).toList();
            Inventory stored = previous;
            Inventory staged = previous.staging(revision, desired);
            if (!Set.copyOf(staged.entries()).equals(Set.copyOf(previous.entries()))) {
                writeInventory(staged);
                stored = staged;
            }
            planLists();
            if (!applyAll()) {
                return result();
            }
            Map<ResourceId, String> recorded = previous.uids();
            List<InventoryEntry> kept = new ArrayList<>(desired.stream()
                    .map(entry -> entry.withUid(recorded.get(entry.id())).withUid(uidOf(live.get(entry.id()))))
                    .toList());
            kept.addAll(prune(previous.without(desired)));
            Inventory done = new Inventory(revision, "", kept);
            if (!done.equals(stored)) {
                writeInventory(done);
            }
            return result();
        }

        private ApplyResult result() {
            return new ApplyResult(revision, new ArrayList<>(outcomes.values()), live);
        }

        /** One LIST per kind: in the namespace all its objects share, else across namespaces. */
        private void planLists() {
            Map<String, Set<String>> namespaces = new HashMap<>();
            for (ManifestObject object : ordered) {
                namespaces.computeIfAbsent(kindKey(object.id()), key -> new HashSet<>()).add(object.id().namespace());
            }
            namespaces.forEach((kind, set) -> listNamespaceByKind.put(kind, set.size() == 1 ? set.iterator().next() : ""));
            ordered.stream()
                    .filter(object -> ApplyOrder.of(object.id()) == ApplyOrder.CUSTOM_RESOURCE_DEFINITIONS)
                    .forEach(types::learn);
        }

        /** Applies group by group; false when something failed. */
        private boolean applyAll() {
            boolean failed = false;
            for (ApplyOrder group : ApplyOrder.values()) {
                List<ManifestObject> members =
                        ordered.stream().filter(object -> ApplyOrder.of(object.id()) == group).toList();
                for (ManifestObject object : members) {
                    if (failed) {
                        record(object, Action.NOT_APPLIED, "not applied: an object of an earlier group failed");
                    } else {
                        applyOne(object);
                    }
                }
                if (!failed && group == ApplyOrder.CUSTOM_RESOURCE_DEFINITIONS) {
                    members.forEach(this::awaitEstablished);
                }
                failed = failed || members.stream().anyMatch(object -> outcomes.get(object.id()).action() == Action.FAILED);
            }
            return !failed;
        }

        private void applyOne(ManifestObject object) {
            ResourceId id = object.id();
            try {
                ResourceDefinitionContext type = types.resolve(object.apiVersion(), id.kind());
                if (type.isNamespaceScoped() == id.clusterScoped()) {
                    record(object, Action.FAILED, type.isNamespaceScoped()
                            ? id.kind() + " is namespaced but the object has no namespace"
                            : id.kind() + " is cluster-scoped but the object has namespace " + id.namespace());
                    return;
                }
                ObjectRef ref = new ObjectRef(type, id.namespace(), id.name());
                refs.put(id, ref);
                Map<String, Object> desired = asSent(object);
                try {
                    ApplyStrategy.Applied applied = settings.strategy().apply(api, ref, desired, current(ref, id));
                    live.put(id, applied.live());
                    record(object, applied.action(), "");
                } catch (KubernetesClientException e) {
                    Optional<ImmutableFields> immutable = ImmutableFields.of(e);
                    if (immutable.isEmpty()) {
                        throw e;
                    }
                    changeImmutable(object, ref, desired, immutable.get());
                }
            } catch (KubernetesClientException e) {
                record(object, Action.FAILED, ApiErrors.describe(e));
            } catch (ResourceTypes.UnknownKindException | IllegalArgumentException e) {
                record(object, Action.FAILED, ApiErrors.oneLine(e.getMessage()));
            }
        }

        /** Replaced when the object asks for it; else a failure that names the fields and says how to ask. */
        private void changeImmutable(ManifestObject object, ObjectRef ref, Map<String, Object> desired, ImmutableFields immutable) {
            String annotation = ObjectTree.textAt(object.content(), "metadata", "annotations", REPLACE_ANNOTATION);
            if (!REPLACE_ENABLED.equals(annotation)) {
                record(object, Action.FAILED, "cannot change immutable " + immutable.describe() + " (422 Invalid); annotate it "
                        + REPLACE_ANNOTATION + ": " + REPLACE_ENABLED + " to have it deleted and created again");
                return;
            }
            String why = "immutable " + immutable.describe() + " changed";
            try {
                api.deleteInForeground(ref);
            } catch (KubernetesClientException e) {
                record(object, Action.FAILED, "deleting it to replace it (" + why + "): " + ApiErrors.describe(e));
                return;
            }
            if (!awaitGone(object, ref, why)) {
                return;
            }
            try {
                ApplyStrategy.Applied created = settings.strategy().apply(api, ref, desired, null);
                live.put(object.id(), created.live());
                record(object, Action.REPLACED, "deleted and created again: " + why);
            } catch (KubernetesClientException e) {
                record(object, Action.FAILED, "deleted to replace it (" + why + "), then creating it failed: " + ApiErrors.describe(e));
            }
        }

        /** Waits until a deleted object is gone; false, with the failure recorded, when it is not within the bound. */
        private boolean awaitGone(ManifestObject object, ObjectRef ref, String why) {
            long deadline = System.nanoTime() + settings.replaceTimeout().toNanos();
            try {
                Map<String, Object> current = api.get(ref);
                while (current != null) {
                    if (System.nanoTime() - deadline >= 0) {
                        Object finalizers = ObjectTree.at(current, "metadata", "finalizers");
                        record(object, Action.FAILED, "deleted to replace it (" + why + "), but still there after "
                                + describe(settings.replaceTimeout())
                                + (finalizers instanceof List<?> list && !list.isEmpty()
                                        ? ", held by finalizers " + String.join(", ", list.stream().map(String::valueOf).toList())
                                        : ""));
                        return false;
                    }
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    current = api.get(ref);
                }
                return true;
            } catch (KubernetesClientException e) {
                record(object, Action.FAILED, "waiting for it to be deleted to replace it: " + ApiErrors.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                record(object, Action.FAILED, "interrupted while waiting for it to be deleted to replace it");
            }
            return false;
        }

        /**
         * The live object: from its kind's LIST of labelled objects, made on first use, which keeps only
         * desired ones; else from a GET (null when there is none).
         */
        private Map<String, Object> current(ObjectRef ref, ResourceId id) {
            String kind = kindKey(id);
            if (listFailureByKind.containsKey(kind)) {
                throw listFailureByKind.get(kind);
            }
            Map<ResourceId, Map<String, Object>> byId = listedByKind.get(kind);
            if (byId == null) {
                try {
                    Map<ResourceId, Map<String, Object>> kept = new HashMap<>();
                    api.list(ref.type(), listNamespaceByKind.getOrDefault(kind, ""), settings.label().selector(), item -> {
                        String namespace = ObjectTree.textAt(item, "metadata", "namespace");
                        ResourceId listed = new ResourceId(id.group(), id.kind(), namespace == null ? "" : namespace,
                                ObjectTree.textAt(item, "metadata", "name"));
                        if (desiredIds.contains(listed)) {
                            kept.put(listed, item);
                        }
                    });
                    byId = kept;
                    listedByKind.put(kind, byId);
                } catch (KubernetesClientException e) {
                    listFailureByKind.put(kind, e);
                    throw e;
                }
            }
            return byId.containsKey(id) ? byId.get(id) : api.get(ref);
        }

        private void awaitEstablished(ManifestObject crd) {
            ResourceId id = crd.id();
            if (outcomes.get(id).action() == Action.FAILED) {
                return;
            }
            long deadline = System.nanoTime() + settings.crdEstablishedTimeout().toNanos();
            Map<String, Object> current = live.get(id);
            try {
                while (!established(current)) {
                    if (System.nanoTime() - deadline >= 0) {
                        record(crd, Action.FAILED, "not Established within "
                                + describe(settings.crdEstablishedTimeout()) + namesProblem(current));
                        return;
                    }
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    current = api.get(refs.get(id));
                }
                live.put(id, current);
            } catch (KubernetesClientException e) {
                record(crd, Action.FAILED, "waiting to be Established: " + ApiErrors.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                record(crd, Action.FAILED, "interrupted while waiting to be Established");
            }
        }

        private String describe(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }

        private boolean established(Map<String, Object> crd) {
            return crd != null && ObjectTree.mapsAt(crd, "status", "conditions").stream()
                    .anyMatch(condition -> "Established".equals(condition.get("type")) && "True".equals(condition.get("status")));
        }

        private String namesProblem(Map<String, Object> crd) {
            return crd == null ? "" : ObjectTree.mapsAt(crd, "status", "conditions").stream()
                    .filter(condition -> "NamesAccepted".equals(condition.get("type")) && "False".equals(condition.get("status")))
                    .map(condition -> ": names not accepted: " + condition.get("message"))
                    .findFirst()
                    .orElse("");
        }

        /** Prunes in reverse apply order; returns the entries that must stay in the inventory. */
        private List<InventoryEntry> prune(List<InventoryEntry> candidates) {
            if (!settings.prune()) {
                return List.of();
            }
            List<InventoryEntry> reversed = new ArrayList<>(candidates);
            Collections.reverse(reversed);
            reversed.sort(Comparator.comparing((InventoryEntry entry) -> ApplyOrder.of(entry.id())).reversed());
            List<InventoryEntry> kept = new ArrayList<>();
            for (InventoryEntry entry : reversed) {
                ResourceId id = entry.id();
                try {
                    if (!pruneOne(entry)) {
                        kept.add(entry);
                    }
                } catch (ResourceTypes.UnknownKindException e) {
                    kept.add(entry);
                    keep(id, notServed(e.getMessage()));
                } catch (KubernetesClientException e) {
                    kept.add(entry);
                    outcomes.put(id, new Outcome(id, Action.FAILED, "prune: " + ApiErrors.describe(e), null));
                }
            }
            return kept;
        }

        /** Prunes one object, or records why not; false when its entry must stay in the inventory. */
        private boolean pruneOne(InventoryEntry entry) {
            ResourceId id = entry.id();
            ObjectRef ref = new ObjectRef(types.resolve(entry.apiVersion(), id.kind()), id.namespace(), id.name());
            Map<String, Object> current = api.get(ref);
            if (current == null) {
                // A 404 also comes for a kind no longer served (its definition deleted, its version dropped).
                if (types.served(entry.apiVersion(), id.kind())) {
                    return true;
                }
                keep(id, notServed("the API server no longer serves kind " + id.kind() + " in " + entry.apiVersion()));
                return false;
            }
            if (PRUNE_DISABLED.equals(ObjectTree.textAt(current, "metadata", "annotations", PRUNE_ANNOTATION))) {
                outcomes.put(id, new Outcome(id, Action.PRUNE_DISABLED, "", null));
                return true;
            }
            ApplyOrder group = ApplyOrder.of(id);
            if (group == ApplyOrder.NAMESPACES || group == ApplyOrder.CUSTOM_RESOURCE_DEFINITIONS) {
                Optional<String> refusal = refusal(entry);
                if (refusal.isPresent()) {
                    keep(id, refusal.get() + "; dropped from the inventory");
                    return true;
                }
                List<ResourceId> held = group == ApplyOrder.NAMESPACES
                        ? contents.ofNamespace(id.name(), prunedNow())
                        : contents.ofDefinition(current, prunedNow());
                if (!held.isEmpty()) {
                    keep(id, "holds " + named(held) + " the agent is not pruning, which deleting it would delete too;"
                            + " kept in the inventory, pruned once " + (held.size() == 1 ? "that is" : "they are") + " gone");
                    return false;
                }
            }
            try {
                // The server refuses (409) to delete an object whose UID is not the one the agent applied; an entry
                // written by an agent that recorded no UID falls back on the UID just read.
                api.delete(ref, entry.uid().isEmpty() ? uidOf(current) : entry.uid());
                outcomes.put(id, new Outcome(id, Action.PRUNED, "", null));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                keep(id, "created again by someone else since the agent applied it (its UID differs);"
                        + " dropped from the inventory");
            }
            return true;
        }

        /** Why a Namespace or CustomResourceDefinition may not be pruned at all, if it may not. */
        private Optional<String> refusal(InventoryEntry entry) {
            if (ApplyOrder.of(entry.id()) == ApplyOrder.NAMESPACES && entry.id().name().equals(settings.inventoryNamespace())) {
                return Optional.of("the agent's own namespace (inventory, Lease) is never pruned");
            }
            if (!settings.pruneNamespacesAndCrds()) {
                return Optional.of("Namespaces and CustomResourceDefinitions are pruned only with"
                        + " --prune-namespaces-and-crds=true (GITOPS_PRUNE_NAMESPACES_AND_CRDS)");
            }
            if (!entry.pruneEnabled()) {
                return Optional.of("Git did not annotate it " + PRUNE_ANNOTATION + ": " + PRUNE_ENABLED + " when it was applied");
            }
            return Optional.empty();
        }

        private Set<ResourceId> prunedNow() {
            Set<ResourceId> pruned = new HashSet<>();
            outcomes.values().stream().filter(outcome -> outcome.action() == Action.PRUNED).forEach(outcome -> pruned.add(outcome.id()));
            return pruned;
        }

        /** {@code 2 objects (ConfigMap/shop/notes, PersistentVolumeClaim/shop/data)}, at most five named. */
        private String named(List<ResourceId> held) {
            List<String> names = held.stream().limit(5).map(ResourceId::toString).toList();
            return (held.size() == 1 ? "1 object (" : held.size() + " objects (") + String.join(", ", names)
                    + (held.size() > names.size() ? " and " + (held.size() - names.size()) + " more)" : ")");
        }

        private String notServed(String why) {
            return why + "; kept in the inventory, pruned once it is served";
        }

        private void keep(ResourceId id, String why) {
            outcomes.put(id, new Outcome(id, Action.KEPT, why, null));
        }

        private void record(ManifestObject object, Action action, String message) {
            outcomes.put(object.id(), new Outcome(object.id(), action, message, object.source()));
        }

        private String kindKey(ResourceId id) {
            return id.group() + "/" + id.kind();
        }
    }
}
