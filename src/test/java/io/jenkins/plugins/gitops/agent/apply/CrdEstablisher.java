package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the API server's part the mock server lacks: marks every CustomResourceDefinition
 * Established a moment after it appears.
 */
final class CrdEstablisher implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    CrdEstablisher(KubernetesClient client) {
        timer.scheduleWithFixedDelay(() -> {
            for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
                if (crd.getStatus() == null || crd.getStatus().getConditions() == null || crd.getStatus().getConditions().isEmpty()) {
                    CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
                    status.setConditions(List.of(new CustomResourceDefinitionConditionBuilder()
                            .withType("Established").withStatus("True").build()));
                    crd.setStatus(status);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
                }
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
