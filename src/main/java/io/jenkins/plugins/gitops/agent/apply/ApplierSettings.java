package io.jenkins.plugins.gitops.agent.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How the applier writes and prunes.
 *
 * @param strategy server-side apply (real clusters) or client-side apply
 * @param inventoryNamespace the agent's namespace, where the inventory ConfigMap lives
 * @param inventoryName the inventory ConfigMap's name
 * @param prune whether objects dropped from the revision are deleted
 * @param crdEstablishedTimeout how long to wait for an applied CustomResourceDefinition to be Established
 * @param replaceTimeout how long to wait for an object being replaced (see {@link Applier#REPLACE_ANNOTATION}) to be gone
 * @param label the label set on every applied object, which the applier's and the drift watch's LISTs select on
 */
public record ApplierSettings(ApplyStrategy strategy, String inventoryNamespace, String inventoryName, boolean prune,
        Duration crdEstablishedTimeout, Duration replaceTimeout, ManagedLabel label) {

    public static final String DEFAULT_INVENTORY_NAME = "gitops-inventory";

    public ApplierSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(inventoryNamespace, "inventoryNamespace");
        Objects.requireNonNull(inventoryName, "inventoryName");
        Objects.requireNonNull(crdEstablishedTimeout, "crdEstablishedTimeout");
        Objects.requireNonNull(replaceTimeout, "replaceTimeout");
        Objects.requireNonNull(label, "label");
    }

    /**
     * Server-side apply as {@value ApplyStrategy#DEFAULT_FIELD_MANAGER} taking over conflicting fields, pruning on,
     * one minute for CRDs, two for a replaced object to go (its pods' grace period is 30 s by default), objects
     * labelled as of no environment.
     */
    public static ApplierSettings defaults(String inventoryNamespace) {
        return new ApplierSettings(
                new ServerSideApply(ApplyStrategy.DEFAULT_FIELD_MANAGER, true),
                inventoryNamespace,
                DEFAULT_INVENTORY_NAME,
                true,
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                ManagedLabel.of(""));
    }

    public ApplierSettings withStrategy(ApplyStrategy newStrategy) {
        return new ApplierSettings(newStrategy, inventoryNamespace, inventoryName, prune, crdEstablishedTimeout, replaceTimeout, label);
    }

    public ApplierSettings withPrune(boolean newPrune) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, newPrune, crdEstablishedTimeout, replaceTimeout, label);
    }

    public ApplierSettings withCrdEstablishedTimeout(Duration timeout) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, prune, timeout, replaceTimeout, label);
    }

    public ApplierSettings withReplaceTimeout(Duration timeout) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, prune, crdEstablishedTimeout, timeout, label);
    }

    public ApplierSettings withLabel(ManagedLabel newLabel) {
        return new ApplierSettings(strategy, inventoryNamespace, inventoryName, prune, crdEstablishedTimeout, replaceTimeout, newLabel);
    }
}
