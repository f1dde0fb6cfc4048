package io.jenkins.plugins.gitops.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that need the whole revision at once: identities must be unique, and the policy holds. */
final class RevisionValidator {

    private RevisionValidator() {}

    static List<Problem> validate(List<ManifestObject> objects, RevisionPolicy policy) {
        List<Problem> problems = new ArrayList<>();
        Map<ResourceId, ManifestObject> seen = new HashMap<>();
        for (ManifestObject object : objects) {
            ResourceId id = object.id();
            ManifestObject first = seen.putIfAbsent(id, object);
            if (first != null) {
                problems.add(new Problem(object.source(), id + ": declared twice, first at " + first.source()));
            }
            if (policy.deniesKind(id)) {
                problems.add(new Problem(object.source(), id + ": kind " + id.kind() + " is denied in this environment"));
            }
            if (!id.namespace().isEmpty() && !policy.allowsNamespace(id.namespace())) {
                problems.add(new Problem(object.source(), id + ": namespace '" + id.namespace()
                        + "' is not allowed (allowed: " + String.join(", ", policy.allowedNamespaces()) + ")"));
            }
            if (isNamespace(id) && !policy.allowsNamespace(id.name())) {
                problems.add(new Problem(object.source(), id + ": creates namespace '" + id.name()
                        + "', which is not allowed (allowed: " + String.join(", ", policy.allowedNamespaces()) + ")"));
            }
        }
        return problems;
    }

    private static boolean isNamespace(ResourceId id) {
        return id.group().isEmpty() && id.kind().equals("Namespace");
    }
}
