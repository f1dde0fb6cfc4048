package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.agent.AgentClient;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.testing.cluster.AuditEvent;
import io.jenkins.plugins.gitops.testing.cluster.TestNamespace;
import java.util.List;

/**
 * The agent's side of a control-plane test: an applier whose client names itself the agent, desired
 * objects written for the test's namespace, and the requests the audit log holds from the agent for it.
 */
final class AgentRequests {

    private AgentRequests() {}

    /** An applier with {@code settings} over the agent's client; the inventory lives in the test's namespace. */
    static Applier applier(TestNamespace namespace, ApplierSettings settings) {
        return new Applier(AgentClient.of(namespace.cluster().config()), settings);
    }

    static ApplierSettings defaults(TestNamespace namespace) {
        return ApplierSettings.defaults(namespace.name());
    }

    /** The objects of the YAML text with {@code TESTNS} standing for the test's namespace (cluster-scoped names carry it too). */
    static List<ManifestObject> objects(TestNamespace namespace, String yaml) {
        return Manifests.parse("app.yaml", yaml.replace("TESTNS", namespace.name()));
    }

    /** Creates, updates, patches and deletes the agent sent for the test's namespace and its cluster-scoped objects, oldest first. */
    static List<AuditEvent> writes(TestNamespace namespace) {
        return requests(namespace).stream().filter(AuditEvent::isWrite).toList();
    }

    /** Every request the agent sent for the test's namespace and its cluster-scoped objects, oldest first. */
    static List<AuditEvent> requests(TestNamespace namespace) {
        return namespace.cluster().audit(event -> event.fromAgent()
                && (namespace.name().equals(event.namespace()) || event.name().contains(namespace.name())
                        || event.requestUri().contains(namespace.name())));
    }
}
