package io.jenkins.plugins.gitops.agent;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.manifest.ClusterCapabilities;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes version and API versions the cluster serves, from its discovery endpoints, in the
 * form {@code helm install} gives a chart's {@code .Capabilities}: every group/version, and every
 * group/version/Kind of its top-level resources. One request per group/version, asked only when a
 * chart is rendered; discovery is open to every authenticated client, so the agent needs no extra RBAC.
 */
public final class ClusterDiscovery {

    private ClusterDiscovery() {}

    public static ClusterCapabilities capabilities(KubernetesClient client) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        APIGroupList groups = client.getApiGroups();
        if (groups != null) {
            for (APIGroup group : groups.getGroups()) {
                group.getVersions().stream().map(GroupVersionForDiscovery::getGroupVersion).forEach(groupVersions::add);
            }
        }
        Set<String> versions = new LinkedHashSet<>();
        Set<String> namespaced = new HashSet<>();
        for (String groupVersion : groupVersions) {
            versions.add(groupVersion);
            APIResourceList resources = client.getApiResources(groupVersion);
            if (resources != null) {
                for (APIResource resource : resources.getResources()) {
                    if (!resource.getName().contains("/")) {
                        versions.add(groupVersion + "/" + resource.getKind());
                        if (Boolean.TRUE.equals(resource.getNamespaced())) {
                            namespaced.add(groupVersion + "/" + resource.getKind());
                        }
                    }
                }
            }
        }
        return new ClusterCapabilities(client.getKubernetesVersion().getGitVersion(), List.copyOf(versions), namespaced);
    }
}
