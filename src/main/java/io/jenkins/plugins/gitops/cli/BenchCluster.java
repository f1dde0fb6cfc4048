package io.jenkins.plugins.gitops.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.gitops.agent.apply.ClientSideApply;
import io.jenkins.plugins.gitops.agent.apply.ServerSideApply;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Where a benchmark's agent applies: fabric8's mock API server in this process (client-side apply, as it
 * has no server-side apply), or a real cluster, in namespaces made for the run and deleted after it.
 */
final class BenchCluster implements AutoCloseable {

    private final KubernetesClient admin;
    private final KubernetesMockServer mock;
    private final Path kubeconfig;
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    private BenchCluster(KubernetesClient admin, KubernetesMockServer mock, Path kubeconfig, String prefix) {
        this.admin = admin;
        this.mock = mock;
        this.kubeconfig = kubeconfig;
        this.prefix = prefix;
    }

    static BenchCluster inProcessMock(Path work) throws IOException {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: bench
                  cluster: {server: "%s"}
                users:
                - name: bench
                  user: {token: bench}
                contexts:
                - name: bench
                  context: {cluster: bench, user: bench, namespace: gitops-system}
                current-context: bench
                """.formatted(client.getConfiguration().getMasterUrl()));
        return new BenchCluster(client, server, kubeconfig, "bench");
    }

    static BenchCluster real(Path kubeconfig) throws IOException {
        return real(kubeconfig, "bench-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36));
    }

    /** The cluster, with the revision's namespaces of {@code prefix} and the agent's made for the run. */
    static BenchCluster real(Path kubeconfig, String prefix) throws IOException {
        BenchCluster cluster = new BenchCluster(new KubernetesClientBuilder().withConfig(config(kubeconfig)).build(), null,
                kubeconfig, prefix);
        List<String> names = new ArrayList<>(BenchReconcileCommand.namespaces(cluster.prefix));
        names.add(cluster.agentNamespace());
        cluster.create(names);
        return cluster;
    }

    /** {@code count} more namespaces, {@code <prefix>-<infix>-<i>}, deleted with the others. */
    List<String> createNamespaces(String infix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + infix + "-" + i);
        }
        create(names);
        return names;
    }

    private void create(List<String> names) {
        for (String name : names) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
            namespaces.add(name);
        }
    }

    static Config config(Path kubeconfig) throws IOException {
        return Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
    }

    /** A cluster-admin client. */
    KubernetesClient admin() {
        return admin;
    }

    /** What the generated revision's namespaces start with. */
    String prefix() {
        return prefix;
    }

    String agentNamespace() {
        return mock == null ? prefix + "-gitops" : "gitops-system";
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    String strategy() {
        return mock == null ? ServerSideApply.NAME : ClientSideApply.NAME;
    }

    String description() {
        return mock == null ? "cluster at " + admin.getConfiguration().getMasterUrl()
                : "fabric8 kubernetes-server-mock (CRUD mode, in-process, loopback HTTP)";
    }

    /** The ConfigMaps in the revision's namespaces. */
    int configMaps() {
        return BenchReconcileCommand.namespaces(prefix).stream()
                .mapToInt(namespace -> admin.configMaps().inNamespace(namespace).list().getItems().size())
                .sum();
    }

    @Override
    public void close() {
        namespaces.forEach(name -> admin.namespaces().withName(name).delete());
        admin.close();
        if (mock != null) {
            mock.destroy();
        }
    }
}
