package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fields whose drift nobody wants to hear about, for example {@code /spec/template/metadata/annotations}
 * that a rollout tool stamps. A rule names objects by group, kind, namespace and name, each of which
 * may be {@value #ANY}; a pointer covers the field it names and everything under it, and list indices
 * in it are those of the desired (Git) list.
 *
 * @param group API group, {@code ""} for the core group, or {@value #ANY}
 * @param kind kind or {@value #ANY}
 * @param namespace namespace ({@code ""} for cluster-scoped objects) or {@value #ANY}
 * @param name name or {@value #ANY}
 * @param pointers the ignored fields
 */
public record IgnoreRule(String group, String kind, String namespace, String name, List<JsonPointer> pointers) {

    /** Matches any value of that part of the identity. */
    public static final String ANY = "*";

    public IgnoreRule {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        pointers = List.copyOf(pointers);
    }

    /**
     * A rule with pointers as RFC 6901 writes them.
     *
     * @throws IllegalArgumentException naming a pointer that is not valid
     */
    public static IgnoreRule of(String group, String kind, String namespace, String name, String... pointers) {
        return new IgnoreRule(group, kind, namespace, name, Arrays.stream(pointers).map(JsonPointer::parse).toList());
    }

    /**
     * Rules as an agent setting writes them: separated by {@code ;} or line breaks, each
     * {@code [group/]Kind/namespace/name=/pointer[,/pointer...]}, any part of the identity {@value #ANY}
     * and the namespace empty for cluster-scoped objects. For example
     * {@code apps/Deployment/shop/*=/spec/template/metadata/annotations; ConfigMap/shop/web=/data/cache}.
     *
     * @throws IllegalArgumentException one line naming the rule by its position and text
     */
    public static List<IgnoreRule> parseAll(String text) {
        List<IgnoreRule> rules = new ArrayList<>();
        int position = 0;
        for (String entry : text.split("[;\\n]")) {
            String rule = entry.strip();
            if (rule.isEmpty()) {
                continue;
            }
            position++;
            try {
                rules.add(parse(rule));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ignore rule " + position + " '" + rule + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }

    private static IgnoreRule parse(String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected [group/]Kind/namespace/name=/pointer[,/pointer...]");
        }
        String[] identity = rule.substring(0, equals).strip().split("/", -1);
        if (identity.length < 3 || identity.length > 4) {
            throw new IllegalArgumentException("expected [group/]Kind/namespace/name before '='");
        }
        String group = identity.length == 4 ? identity[0].strip() : "";
        int at = identity.length - 3;
        String kind = identity[at].strip();
        String name = identity[at + 2].strip();
        if (kind.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("the kind and the name may not be empty (use " + ANY + " for any)");
        }
        String[] pointers = Arrays.stream(rule.substring(equals + 1).split(",")).map(String::strip)
                .filter(pointer -> !pointer.isEmpty()).toArray(String[]::new);
        if (pointers.length == 0) {
            throw new IllegalArgumentException("no JSON pointer after '='");
        }
        return of(group, kind, identity[at + 1].strip(), name, pointers);
    }

    public boolean appliesTo(ResourceId id) {
        return matches(group, id.group())
                && matches(kind, id.kind())
                && matches(namespace, id.namespace())
                && matches(name, id.name());
    }

    /** Whether drift at {@code path} of object {@code id} is to be ignored. */
    public boolean ignores(ResourceId id, JsonPointer path) {
        return appliesTo(id) && pointers.stream().anyMatch(pointer -> pointer.isPrefixOf(path));
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals(ANY) || pattern.equals(value);
    }
}
