package io.jenkins.plugins.gitops.manifest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one YAML document into the Kubernetes objects it declares, checking each the way the API
 * server would before anything is sent to it. A {@code List} ({@code v1/List} or any {@code *List}
 * with {@code items}) stands for its items. An object with {@code metadata.generateName} and no name
 * (Argo CD's hook Jobs) is skipped with a warning: each create makes a new object, so it can be neither
 * applied declaratively nor pruned, and running it on every sync is what hooks are, not what a revision is.
 */
final class ObjectReader {

    /** Kinds whose names the API server holds to a DNS label rather than a DNS subdomain (core group). */
    private static final Set<String> DNS_LABEL_NAMED = Set.of("Namespace");
    private static final Set<String> DNS_1035_LABEL_NAMED = Set.of("Service");
    /** RBAC names only have to be path segments, so {@code system:aggregate-to-edit} is fine. */
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private final String file;
    /** False for kustomize output, whose lines mean nothing in the repository. */
    private final boolean lines;
    private final List<ManifestObject> objects = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private String subject = "";

    private ObjectReader(SourceLocation source) {
        this.file = source.file();
        this.lines = source.line() > 0;
    }

    /** The objects of a document, or the problems that keep it from being one, and the objects skipped. */
    record Read(List<ManifestObject> objects, List<Problem> problems, List<Problem> warnings) {}

    static Read read(YamlDocument document) {
        ObjectReader reader = new ObjectReader(document.source());
        reader.document(document.root(), null);
        return new Read(reader.problems.isEmpty() ? List.copyOf(reader.objects) : List.of(), List.copyOf(reader.problems),
                List.copyOf(reader.warnings));
    }

    private void document(YamlValue root, String listKind) {
        if (!(root instanceof YamlValue.Mapping object)) {
            String where = listKind == null ? "document" : "item of the " + listKind;
            String hint = root instanceof YamlValue.Sequence && listKind == null
                    ? "; write one object per document, or a kind: List with items"
                    : "";
            problem(root, where + " is " + root.describe() + ", not a Kubernetes object (a mapping with apiVersion, kind and metadata)" + hint);
            return;
        }
        String apiVersion = requiredString(object, "apiVersion");
        String kind = requiredString(object, "kind");
        if (kind != null && kind.endsWith("List") && object.get("items") != null) {
            list(object, kind);
            return;
        }
        if (apiVersion != null && !KubernetesNames.isApiVersion(apiVersion)) {
            problem(object.get("apiVersion"), "apiVersion '" + apiVersion
                    + "' is malformed: expected 'version' or 'group/version' in lowercase, such as v1 or apps/v1");
            apiVersion = null;
        }
        if (kind != null && !KubernetesNames.isKind(kind)) {
            problem(object.get("kind"), "kind '" + kind + "' is malformed: expected CamelCase starting with a capital letter, such as Deployment");
            kind = null;
        }
        YamlValue metadataValue = object.get("metadata");
        if (metadataValue == null) {
            problem(object, "metadata is missing");
            return;
        }
        if (!(metadataValue instanceof YamlValue.Mapping metadata)) {
            problem(metadataValue, "metadata must be a mapping, not " + metadataValue.describe());
            return;
        }
        if (metadata.get("name") == null && metadata.get("generateName") instanceof YamlValue.Scalar generated) {
            warnings.add(new Problem(at(object), (kind == null ? "object" : kind) + " with metadata.generateName '"
                    + generated.value() + "' skipped: an object without a fixed name cannot be applied declaratively"));
            return;
        }
        String group = apiVersion == null ? null : groupOf(apiVersion);
        String name = name(metadata, group, kind);
        String namespace = namespace(metadata);
        ResourceId id = apiVersion != null && kind != null && name != null && namespace != null
                ? ResourceId.of(apiVersion, kind, namespace, name)
                : null;
        // Later problems name the object: kustomize output has no lines to point at.
        subject = id == null ? "" : id + ": ";
        stringMap(metadata, "labels", true);
        stringMap(metadata, "annotations", false);
        if ("".equals(group) && ("ConfigMap".equals(kind) || "Secret".equals(kind))) {
            data(object, kind);
        }
        subject = "";
        if (id != null) {
            objects.add(new ManifestObject(id, apiVersion, object.toPlain(), at(object)));
        }
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private void list(YamlValue.Mapping list, String kind) {
        if (!(list.get("items") instanceof YamlValue.Sequence items)) {
            problem(list.get("items"), kind + " items must be a sequence, not " + list.get("items").describe());
            return;
        }
        for (YamlValue item : items.items()) {
            document(item, kind);
        }
    }

    /** The name, or null when it is missing or malformed (a problem is then recorded). */
    private String name(YamlValue.Mapping metadata, String group, String kind) {
        YamlValue value = metadata.get("name");
        if (value == null) {
            problem(metadata, "metadata.name is missing");
            return null;
        }
        String name = string(value, "metadata.name");
        if ("".equals(name)) {
            problem(value, "metadata.name is empty");
            return null;
        }
        if (name == null || kind == null || group == null) {
            return name;
        }
        String rule;
        boolean valid;
        if (group.isEmpty() && DNS_LABEL_NAMED.contains(kind)) {
            valid = KubernetesNames.isDnsLabel(name);
            rule = KubernetesNames.DNS_LABEL_RULE;
        } else if (group.isEmpty() && DNS_1035_LABEL_NAMED.contains(kind)) {
            valid = KubernetesNames.isDns1035Label(name);
            rule = KubernetesNames.DNS_1035_LABEL_RULE;
        } else if (group.equals(RBAC_GROUP) && RBAC_KINDS.contains(kind)) {
            valid = KubernetesNames.isPathSegment(name);
            rule = KubernetesNames.PATH_SEGMENT_RULE;
        } else {
            valid = KubernetesNames.isDnsSubdomain(name);
            rule = KubernetesNames.DNS_SUBDOMAIN_RULE;
        }
        if (!valid) {
            problem(value, "metadata.name '" + name + "' is not a valid " + kind + " name: " + rule);
            return null;
        }
        return name;
    }

    /** The namespace, {@code ""} when absent, or null when malformed (a problem is then recorded). */
    private String namespace(YamlValue.Mapping metadata) {
        YamlValue value = metadata.get("namespace");
        if (value == null) {
            return "";
        }
        String namespace = string(value, "metadata.namespace");
        if (namespace != null && !namespace.isEmpty() && !KubernetesNames.isDnsLabel(namespace)) {
            problem(value, "metadata.namespace '" + namespace + "' is not a valid namespace: " + KubernetesNames.DNS_LABEL_RULE);
            return null;
        }
        return namespace;
    }

    /** Labels and annotations: string keys of the qualified-name form to string values. */
    private void stringMap(YamlValue.Mapping metadata, String field, boolean labels) {
        YamlValue value = metadata.get(field);
        if (value == null) {
            return;
        }
        if (!(value instanceof YamlValue.Mapping map)) {
            problem(value, "metadata." + field + " must be a mapping, not " + value.describe());
            return;
        }
        String singular = labels ? "label" : "annotation";
        for (Map.Entry<String, YamlValue> entry : map.entries().entrySet()) {
            String key = entry.getKey();
            if (!KubernetesNames.isQualifiedName(key)) {
                problem(entry.getValue(), singular + " key '" + key + "' is malformed: " + KubernetesNames.QUALIFIED_NAME_RULE);
            }
            String text = string(entry.getValue(), singular + " '" + key + "'");
            if (labels && text != null && !KubernetesNames.isLabelValue(text)) {
                problem(entry.getValue(), "label '" + key + "' has a malformed value: " + KubernetesNames.LABEL_VALUE_RULE);
            }
        }
    }

    /**
     * ConfigMap and Secret data must be strings ({@code replicas: 3} is refused by the API server), and
     * binary data base64. Values are never quoted in messages: they may be secret.
     */
    private void data(YamlValue.Mapping object, String kind) {
        for (String field : List.of("data", "stringData", "binaryData")) {
            YamlValue value = object.get(field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof YamlValue.Mapping map)) {
                problem(value, kind + " " + field + " must be a mapping, not " + value.describe());
                continue;
            }
            boolean base64 = field.equals("binaryData") || (kind.equals("Secret") && field.equals("data"));
            map.entries().forEach((key, entry) -> {
                String text = string(entry, field + " '" + key + "'");
                if (text != null && base64 && !isBase64(text)) {
                    problem(entry, field + " '" + key + "' is not valid base64");
                }
            });
        }
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text.replaceAll("\\s", ""));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String requiredString(YamlValue.Mapping object, String field) {
        YamlValue value = object.get(field);
        if (value == null) {
            problem(object, field + " is missing");
            return null;
        }
        String text = string(value, field);
        if ("".equals(text)) {
            problem(value, field + " is empty");
            return null;
        }
        return text;
    }

    /** The text of a string value, or null after recording a problem when it is something else. */
    private String string(YamlValue value, String what) {
        if (value instanceof YamlValue.Scalar scalar && scalar.value() instanceof String text) {
            return text;
        }
        String hint = value instanceof YamlValue.Scalar ? "; quote it" : "";
        problem(value, what + " must be a string, not " + value.describe() + hint);
        return null;
    }

    private void problem(YamlValue value, String message) {
        if (value instanceof YamlValue.Invalid) {
            return; // already reported when it was read
        }
        problems.add(new Problem(at(value), subject + message));
    }

    private SourceLocation at(YamlValue value) {
        return new SourceLocation(file, lines ? value.line() : 0);
    }
}
