package io.jenkins.plugins.gitops.agent.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How the applier writes and prunes.
 *
 * @param strategy server-side apply (real clusters) or client-side apply
 * @param inventoryNamespace the agent's namespace, where the inventory ConfigMap lives
 * @param inventoryName the inventory ConfigMap's name
 * @param environment the environment the agent serves, recorded in the inventory; an inventory recording
 *     another one is refused ({@link ForeignInventoryException}). Empty for none
 * @param prune whether objects dropped from the revision are deleted
 * @param crdEstablishedTimeout how long to wait for an applied CustomResourceDefinition to be Established
 * @param replaceTimeout how long to wait for an object being replaced (see {@link Applier#REPLACE_ANNOTATION}) to be gone
 * @param pruneNamespacesAndCrds whether Namespaces and CustomResourceDefinitions annotated
 *     {@value Applier#PRUNE_ANNOTATION}: {@value Applier#PRUNE_ENABLED} may be pruned (never otherwise)
 */
public record ApplierSettings(ApplyStrategy strategy, String inventoryNamespace, String inventoryName, String environment,
        boolean prune, Duration crdEstablishedTimeout, Duration replaceTimeout, boolean pruneNamespacesAndCrds) {

    public ApplierSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(inventoryNamespace, "inventoryNamespace");
        Objects.requireNonNull(inventoryName, "inventoryName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(crdEstablishedTimeout, "crdEstablishedTimeout");
        Objects.requireNonNull(replaceTimeout, "replaceTimeout");
    }

    /**
     * Server-side apply as {@value ApplyStrategy#DEFAULT_FIELD_MANAGER} taking over conflicting fields, pruning on
     * (Namespaces and CRDs never), one minute for CRDs, two for a replaced object to go (its pods' grace period is
     * 30 s by default); no environment, so the inventory is {@code gitops-inventory}.
     */
    public static ApplierSettings defaults(String inventoryNamespace) {
        return new ApplierSettings(
                new ServerSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER, true),
                inventoryNamespace,
                inventoryNameOf(""),
                "",
                true,
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                false);
    }

    /** The label set on every applied object, which the applier's and the drift watch's LISTs select on. */
    public ManagedLabel label() {
        return ManagedLabel.of(environment);
    }

    /**
     * The inventory of {@code environment}'s agent: {@code gitops-inventory-<environment>}, or
     * {@code gitops-inventory} without one, so agents of several environments can share a namespace.
     */
    public static String inventoryNameOf(String environment) {
        return environment.isEmpty() ? "gitops-inventory" : "gitops-inventory-" + environment;
    }

    /** For the agent of {@code newEnvironment}, with its inventory ({@link #inventoryNameOf}). */
    public ApplierSettings forEnvironment(String newEnvironment) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryNameOf(newEnvironment), newEnvironment, prune,
                crdEstablishedTimeout, replaceTimeout, pruneNamespacesAndCrds);
    }

    public ApplierSettings withInventoryName(String newName) {
        return new ApplierSettings(strategy, inventoryNamespace, newName, environment, prune, crdEstablishedTimeout,
                replaceTimeout, pruneNamespacesAndCrds);
    }

    public ApplierSettings withStrategy(ApplyStrategy newStrategy) {
        return new ApplierSettings(newStrategy, inventoryNamespace, inventoryName, environment, prune, crdEstablishedTimeout,
                replaceTimeout, pruneNamespacesAndCrds);
    }

    public ApplierSettings withPrune(boolean newPrune) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, environment, newPrune, crdEstablishedTimeout,
                replaceTimeout, pruneNamespacesAndCrds);
    }

    public ApplierSettings withCrdEstablishedTimeout(Duration timeout) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, environment, prune, timeout, replaceTimeout,
                pruneNamespacesAndCrds);
    }

    public ApplierSettings withReplaceTimeout(Duration timeout) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, environment, prune, crdEstablishedTimeout,
                timeout, pruneNamespacesAndCrds);
    }

    public ApplierSettings withPruneNamespacesAndCrds(boolean allowed) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, environment, prune, crdEstablishedTimeout,
                replaceTimeout, allowed);
    }
}
