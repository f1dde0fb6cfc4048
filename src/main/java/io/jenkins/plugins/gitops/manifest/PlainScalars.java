package io.jenkins.plugins.gitops.manifest;

import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Whether a tag, digest or image name can be written unquoted in YAML and read back as the same string. */
final class PlainScalars {

    /** Starts with a letter, digit or '_', uses no flow or comment indicator, and does not end in ':'. */
    private static final Pattern PLAIN_SYNTAX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@/+=-]*(?<!:)");

    /** YAML 1.1 booleans that snakeyaml's resolver leaves out but Go's yaml.v2 (Helm, sigs.k8s.io/yaml) reads. */
    private static final Set<String> SHORT_BOOLEANS = Set.of("y", "Y", "n", "N");

    private static final Resolver RESOLVER = new Resolver();

    private PlainScalars() {}

    /**
     * {@code 1.10}, {@code 10}, {@code true}, {@code 1:20}, {@code 2024-01-01} and the empty string would read back
     * as a number, a boolean, a sexagesimal, a timestamp or null under YAML 1.1 rules, which Helm's and
     * kustomize's readers share in part.
     */
    static boolean readBackAsString(String value) {
        return PLAIN_SYNTAX.matcher(value).matches()
                && !SHORT_BOOLEANS.contains(value)
                && RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
    }
}
