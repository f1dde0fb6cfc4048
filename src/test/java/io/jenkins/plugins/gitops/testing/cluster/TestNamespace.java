package io.jenkins.plugins.gitops.testing.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A namespace of the local control plane made for one test, with a cluster-admin client; deleted after the test. */
public record TestNamespace(ControlPlane cluster, String name, KubernetesClient client) implements AutoCloseable {

    /** Deletes the namespace without waiting for it to go; closes the client. */
    @Override
    public void close() {
        try {
            client.namespaces().withName(name).delete();
        } finally {
            client.close();
        }
    }
}
