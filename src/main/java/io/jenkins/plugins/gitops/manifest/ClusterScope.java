package io.jenkins.plugins.gitops.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Leaves {@code metadata.namespace} out of objects of cluster-scoped kinds, with a warning, as kubectl does
 * (the API server has no namespace to put them in). Without this, a ClusterRole written once with and once
 * without a namespace would be two objects to the renderer and one to the cluster, applied twice and
 * pruned wrongly. The kinds are Kubernetes' own cluster-scoped kinds and those of the revision's
 * CustomResourceDefinitions with {@code scope: Cluster}; a cluster-scoped custom kind whose definition
 * is installed otherwise keeps its namespace here and is refused by the API server.
 */
final class ClusterScope {

    /** {@code group/Kind} ({@code Kind} for the core group) of every built-in cluster-scoped kind that can be written. */
    static final Set<String> BUILT_IN = Set.of(
            "Namespace", "Node", "PersistentVolume", "ComponentStatus",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
            "apiextensions.k8s.io/CustomResourceDefinition",
            "apiregistration.k8s.io/APIService",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
            "admissionregistration.k8s.io/MutatingAdmissionPolicy",
            "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
            "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
            "storage.k8s.io/VolumeAttachment", "storage.k8s.io/VolumeAttributesClass",
            "scheduling.k8s.io/PriorityClass",
            "node.k8s.io/RuntimeClass",
            "certificates.k8s.io/CertificateSigningRequest", "certificates.k8s.io/ClusterTrustBundle",
            "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
            "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
            "resource.k8s.io/DeviceClass", "resource.k8s.io/ResourceSlice", "resource.k8s.io/DeviceTaintRule",
            "storagemigration.k8s.io/StorageVersionMigration",
            "internal.apiserver.k8s.io/StorageVersion");

    private ClusterScope() {}

    /** The objects with the namespaces of cluster-scoped ones left out, and one warning per object changed. */
    record Normalised(List<ManifestObject> objects, List<Problem> warnings) {}

    static Normalised normalise(List<ManifestObject> objects) {
        Set<String> clusterScoped = new HashSet<>(BUILT_IN);
        objects.stream().map(ClusterScope::definedClusterKind).filter(Objects::nonNull).forEach(clusterScoped::add);
        List<ManifestObject> normalised = new ArrayList<>(objects.size());
        List<Problem> warnings = new ArrayList<>();
        for (ManifestObject object : objects) {
            ResourceId id = object.id();
            if (id.namespace().isEmpty() || !clusterScoped.contains(key(id.group(), id.kind()))) {
                normalised.add(object);
                continue;
            }
            Map<String, Object> content = new LinkedHashMap<>(object.content());
            Map<String, Object> metadata = new LinkedHashMap<>();
            ((Map<?, ?>) content.get("metadata")).forEach((key, value) -> {
                if (!"namespace".equals(key)) {
                    metadata.put((String) key, value);
                }
            });
            content.put("metadata", Collections.unmodifiableMap(metadata));
            ResourceId unnamespaced = new ResourceId(id.group(), id.kind(), "", id.name());
            normalised.add(new ManifestObject(unnamespaced, object.apiVersion(), Collections.unmodifiableMap(content), object.source()));
            warnings.add(new Problem(object.source(), unnamespaced + ": left out metadata.namespace '" + id.namespace()
                    + "': " + id.kind() + " is cluster-scoped"));
        }
        return new Normalised(normalised, warnings);
    }

    /** {@code group/Kind} that a CustomResourceDefinition with {@code scope: Cluster} defines, or null. */
    private static String definedClusterKind(ManifestObject object) {
        ResourceId id = object.id();
        if (!id.group().equals("apiextensions.k8s.io") || !id.kind().equals("CustomResourceDefinition")
                || !(object.content().get("spec") instanceof Map<?, ?> spec) || !"Cluster".equals(spec.get("scope"))
                || !(spec.get("group") instanceof String group) || !(spec.get("names") instanceof Map<?, ?> names)
                || !(names.get("kind") instanceof String kind)) {
            return null;
        }
        return key(group, kind);
    }

    private static String key(String group, String kind) {
        return group.isEmpty() ? kind : group + "/" + kind;
    }
}
