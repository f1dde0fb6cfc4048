package io.jenkins.plugins.gitops.manifest;

import java.util.Objects;

/**
 * Identity of a Kubernetes object as the API server sees it: group, kind, namespace and name. The
 * version is left out on purpose: {@code apps/v1} and a later {@code apps/v2} Deployment of the same
 * name are one object.
 *
 * @param group API group, empty for the core group
 * @param kind object kind, for example {@code Deployment}
 * @param namespace namespace, empty for cluster-scoped objects
 * @param name object name
 */
public record ResourceId(String group, String kind, String namespace, String name) {

    public ResourceId {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The identity of an object given its {@code apiVersion} ({@code apps/v1}, or {@code v1} for the core group). */
    public static ResourceId of(String apiVersion, String kind, String namespace, String name) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return new ResourceId(group, kind, namespace == null ? "" : namespace, name);
    }

    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    /** {@code apps/Deployment/shop/web}; core-group and cluster-scoped parts are left out ({@code Namespace/shop}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!group.isEmpty()) {
            text.append(group).append('/');
        }
        text.append(kind).append('/');
        if (!namespace.isEmpty()) {
            text.append(namespace).append('/');
        }
        return text.append(name).toString();
    }
}
