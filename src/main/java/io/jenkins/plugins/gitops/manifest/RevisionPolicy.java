package io.jenkins.plugins.gitops.manifest;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an environment lets its config repository declare.
 *
 * @param allowedNamespaces namespaces objects may be in (and {@code Namespace} objects may create);
 *     empty allows any
 * @param deniedKinds kinds refused whatever their group ({@code ClusterRoleBinding}), or in one group
 *     only ({@code rbac.authorization.k8s.io/ClusterRoleBinding})
 */
public record RevisionPolicy(Set<String> allowedNamespaces, Set<String> deniedKinds) {

    /** Allows every namespace and kind. */
    public static final RevisionPolicy OPEN = new RevisionPolicy(Set.of(), Set.of());

    public RevisionPolicy {
        // Sorted, so that messages listing them read the same every time.
        allowedNamespaces = Collections.unmodifiableSet(new TreeSet<>(allowedNamespaces));
        deniedKinds = Collections.unmodifiableSet(new TreeSet<>(deniedKinds));
    }

    boolean allowsNamespace(String namespace) {
        return allowedNamespaces.isEmpty() || allowedNamespaces.contains(namespace);
    }

    boolean deniesKind(ResourceId id) {
        return deniedKinds.contains(id.kind()) || deniedKinds.contains(id.group() + "/" + id.kind());
    }
}
