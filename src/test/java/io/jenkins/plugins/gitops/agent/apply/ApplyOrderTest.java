package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyOrderTest {

    @Test
    void definitionsFirstThenNamespacesPolicyRbacConfigServicesWorkloadsOthersAndWebhooksLast() {
        List<ManifestObject> objects = List.of(
                object("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "", "inject"),
                object("apps/v1", "Deployment", "shop", "web"),
                object("example.com/v1", "Widget", "shop", "gear"),
                object("v1", "Service", "shop", "web"),
                object("v1", "Secret", "shop", "token"),
                object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "reader"),
                object("v1", "ServiceAccount", "shop", "web"),
                object("networking.k8s.io/v1", "NetworkPolicy", "shop", "deny"),
                object("v1", "Namespace", "", "shop"),
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com"));

        assertThat(ApplyOrder.sort(objects)).extracting(object -> object.id().kind()).containsExactly(
                "CustomResourceDefinition", "Namespace", "NetworkPolicy", "ClusterRoleBinding", "ServiceAccount", "Secret",
                "Service", "Deployment", "Widget", "MutatingWebhookConfiguration");
    }

    @Test
    void theRenderedOrderHoldsWithinAGroup() {
        List<ManifestObject> objects = List.of(
                object("v1", "Secret", "shop", "b"),
                object("v1", "ConfigMap", "shop", "a"),
                object("v1", "Secret", "shop", "a"));

        assertThat(ApplyOrder.sort(objects)).extracting(object -> object.id().toString())
                .containsExactly("Secret/shop/b", "ConfigMap/shop/a", "Secret/shop/a");
    }

    @Test
    void aCustomKindNamedLikeABuiltInOneIsNotTakenForIt() {
        assertThat(ApplyOrder.of(new ResourceId("example.com", "Deployment", "shop", "x"))).isEqualTo(ApplyOrder.OTHER);
        assertThat(ApplyOrder.of(new ResourceId("apps", "Deployment", "shop", "x"))).isEqualTo(ApplyOrder.WORKLOADS);
    }

    private static ManifestObject object(String apiVersion, String kind, String namespace, String name) {
        return new ManifestObject(ResourceId.of(apiVersion, kind, namespace, name), apiVersion,
                Map.of("apiVersion", apiVersion, "kind", kind), new SourceLocation("all.yaml", 1));
    }
}
