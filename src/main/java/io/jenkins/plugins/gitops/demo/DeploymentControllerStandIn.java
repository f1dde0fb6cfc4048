package io.jenkins.plugins.gitops.demo;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the Deployment controller on the embedded API server, which runs none: whenever a
 * Deployment's spec changes it writes the status a finished rollout has (every replica updated, ready
 * and available, the generation observed). On a real cluster the real controller does this, after
 * starting real pods.
 */
final class DeploymentControllerStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final SharedIndexInformer<Deployment> informer;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "demo-deployment-controller");
        thread.setDaemon(true);
        return thread;
    });

    private DeploymentControllerStandIn(KubernetesClient client, String namespace) {
        this.client = client;
        this.informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                roll(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                roll(after);
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                // Nothing to roll out.
            }
        });
    }

    /** Watches the Deployments of {@code namespace}. */
    static DeploymentControllerStandIn start(KubernetesClient client, String namespace) {
        return new DeploymentControllerStandIn(client, namespace);
    }

    private void roll(Deployment deployment) {
        if (rolledOut(deployment)) {
            return;
        }
        writer.execute(() -> {
            try {
                Deployment current = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName()).get();
                if (current != null && !rolledOut(current)) {
                    // A merge patch of the status alone: the object may have changed since it was read, and
                    // the embedded server would take a whole stale object sent to the status subresource.
                    Map<String, Object> patch = Map.of("status", finishedRollout(current));
                    client.apps().deployments().inNamespace(current.getMetadata().getNamespace())
                            .withName(current.getMetadata().getName()).subresource("status")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
                }
            } catch (KubernetesClientException e) {
                // The Deployment went away or the server failed; the next change of it tries again.
            }
        });
    }

    private static boolean rolledOut(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        int wanted = wanted(deployment);
        return status != null
                && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Objects.equals(status.getReplicas(), wanted)
                && Objects.equals(status.getUpdatedReplicas(), wanted)
                && Objects.equals(status.getAvailableReplicas(), wanted);
    }

    private static DeploymentStatus finishedRollout(Deployment deployment) {
        int wanted = wanted(deployment);
        String now = Instant.now().toString();
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(wanted)
                .withUpdatedReplicas(wanted)
                .withReadyReplicas(wanted)
                .withAvailableReplicas(wanted)
                .addToConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                        .withReason("MinimumReplicasAvailable").withLastUpdateTime(now).withLastTransitionTime(now).build())
                .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                        .withReason("NewReplicaSetAvailable").withLastUpdateTime(now).withLastTransitionTime(now).build())
                .build();
    }

    private static int wanted(Deployment deployment) {
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    @Override
    public void close() {
        informer.close();
        writer.shutdownNow();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
