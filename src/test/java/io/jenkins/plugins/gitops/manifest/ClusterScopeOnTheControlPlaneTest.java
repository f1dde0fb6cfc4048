package io.jenkins.plugins.gitops.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.testing.cluster.OnLocalControlPlane;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The renderer's list of cluster-scoped kinds agrees with what a real API server serves. */
@OnLocalControlPlane
class ClusterScopeOnTheControlPlaneTest {

    @Test
    void everyClusterScopedKindTheServerStoresIsKnownAndNoNamespacedOneIs(TestNamespace namespace) {
        Map<String, Boolean> namespacedByKind = new HashMap<>();
        KubernetesClient client = namespace.client();
        served(client, "", "v1", namespacedByKind);
        for (APIGroup group : client.getApiGroups().getGroups()) {
            // Kubernetes' own groups; other tests' and kwok's custom resources are not built in.
            if (group.getName().contains(".") && !group.getName().endsWith(".k8s.io")) {
                continue;
            }
            served(client, group.getName(), group.getPreferredVersion().getGroupVersion(), namespacedByKind);
        }

        assertThat(namespacedByKind).as("kinds the server serves").containsKeys("Namespace", "rbac.authorization.k8s.io/ClusterRole");
        namespacedByKind.forEach((kind, namespaced) -> assertThat(ClusterScope.BUILT_IN.contains(kind))
                .as("%s is %s", kind, namespaced ? "namespaced" : "cluster-scoped").isEqualTo(!namespaced));
    }

    /** Kinds the server stores (they can be read back), not subresources or create-only reviews. */
    private static void served(KubernetesClient client, String group, String groupVersion, Map<String, Boolean> namespacedByKind) {
        for (APIResource resource : client.getApiResources(groupVersion).getResources()) {
            if (!resource.getName().contains("/") && resource.getVerbs().contains("get")) {
                namespacedByKind.put(group.isEmpty() ? resource.getKind() : group + "/" + resource.getKind(), resource.getNamespaced());
            }
        }
    }
}
