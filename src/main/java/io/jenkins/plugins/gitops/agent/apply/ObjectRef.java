package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Where one object lives in the API: its resource type (group, version, plural, scope) and its
 * namespace (empty for cluster-scoped kinds) and name.
 */
record ObjectRef(ResourceDefinitionContext type, String namespace, String name) {}
