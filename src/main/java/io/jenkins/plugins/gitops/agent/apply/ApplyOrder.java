package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order objects are applied in: what others depend on first, admission webhooks last (a webhook
 * whose backing service is not running yet would reject everything after it). Pruning runs in the
 * reverse order. Objects keep their rendered order within a group.
 */
public enum ApplyOrder {
    CUSTOM_RESOURCE_DEFINITIONS,
    NAMESPACES,
    POLICY,
    SERVICE_ACCOUNTS_AND_RBAC,
    CONFIG_AND_STORAGE,
    SERVICES,
    WORKLOADS,
    OTHER,
    ADMISSION;

    private static final Map<String, ApplyOrder> BY_KIND = Map.ofEntries(
            Map.entry("CustomResourceDefinition", CUSTOM_RESOURCE_DEFINITIONS),
            Map.entry("Namespace", NAMESPACES),
            Map.entry("NetworkPolicy", POLICY),
            Map.entry("ResourceQuota", POLICY),
            Map.entry("LimitRange", POLICY),
            Map.entry("PodSecurityPolicy", POLICY),
            Map.entry("PodDisruptionBudget", POLICY),
            Map.entry("PriorityClass", POLICY),
            Map.entry("StorageClass", POLICY),
            Map.entry("IngressClass", POLICY),
            Map.entry("RuntimeClass", POLICY),
            Map.entry("ServiceAccount", SERVICE_ACCOUNTS_AND_RBAC),
            Map.entry("ClusterRole", SERVICE_ACCOUNTS_AND_RBAC),
            Map.entry("ClusterRoleBinding", SERVICE_ACCOUNTS_AND_RBAC),
            Map.entry("Role", SERVICE_ACCOUNTS_AND_RBAC),
            Map.entry("RoleBinding", SERVICE_ACCOUNTS_AND_RBAC),
            Map.entry("ConfigMap", CONFIG_AND_STORAGE),
            Map.entry("Secret", CONFIG_AND_STORAGE),
            Map.entry("PersistentVolume", CONFIG_AND_STORAGE),
            Map.entry("PersistentVolumeClaim", CONFIG_AND_STORAGE),
            Map.entry("Service", SERVICES),
            Map.entry("Pod", WORKLOADS),
            Map.entry("ReplicationController", WORKLOADS),
            Map.entry("ReplicaSet", WORKLOADS),
            Map.entry("Deployment", WORKLOADS),
            Map.entry("StatefulSet", WORKLOADS),
            Map.entry("DaemonSet", WORKLOADS),
            Map.entry("Job", WORKLOADS),
            Map.entry("CronJob", WORKLOADS),
            Map.entry("HorizontalPodAutoscaler", WORKLOADS),
            Map.entry("MutatingWebhookConfiguration", ADMISSION),
            Map.entry("ValidatingWebhookConfiguration", ADMISSION),
            Map.entry("ValidatingAdmissionPolicy", ADMISSION),
            Map.entry("ValidatingAdmissionPolicyBinding", ADMISSION),
            Map.entry("MutatingAdmissionPolicy", ADMISSION),
            Map.entry("MutatingAdmissionPolicyBinding", ADMISSION),
            Map.entry("APIService", ADMISSION));

    /** Kinds whose core/built-in group must match for the kind name to mean the built-in kind. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
            "storage.k8s.io", "node.k8s.io", "scheduling.k8s.io", "apiextensions.k8s.io",
            "admissionregistration.k8s.io", "apiregistration.k8s.io");

    /** The group an object is applied in; custom resources and unknown kinds go in {@link #OTHER}. */
    public static ApplyOrder of(ResourceId id) {
        if (!BUILT_IN_GROUPS.contains(id.group())) {
            return OTHER;
        }
        return BY_KIND.getOrDefault(id.kind(), OTHER);
    }

    /** The objects in apply order; stable, so the rendered order holds within a group. */
    public static List<ManifestObject> sort(List<ManifestObject> objects) {
        return objects.stream().sorted(Comparator.comparing(object -> of(object.id()))).toList();
    }
}
