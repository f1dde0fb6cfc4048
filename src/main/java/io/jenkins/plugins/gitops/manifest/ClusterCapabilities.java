package io.jenkins.plugins.gitops.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a chart's templates may ask of the cluster ({@code .Capabilities}), as the cluster's discovery
 * reports it, so that {@code helm template} renders what {@code helm install} would there.
 *
 * @param kubeVersion the API server's version, as {@code v1.37.2}
 * @param apiVersions every group/version and group/version/Kind the server serves, as {@code apps/v1}
 *     and {@code apps/v1/Deployment}
 * @param namespacedKinds the namespaced ones among the group/version/Kind entries: a chart's object of
 *     such a kind without a namespace goes to the release namespace, as {@code helm install} puts it there
 */
public record ClusterCapabilities(String kubeVersion, List<String> apiVersions, Set<String> namespacedKinds) {

    public ClusterCapabilities {
        Objects.requireNonNull(kubeVersion, "kubeVersion");
        apiVersions = List.copyOf(apiVersions);
        namespacedKinds = Set.copyOf(namespacedKinds);
    }

    boolean namespaced(String apiVersion, String kind) {
        return namespacedKinds.contains(apiVersion + "/" + kind);
    }
}
