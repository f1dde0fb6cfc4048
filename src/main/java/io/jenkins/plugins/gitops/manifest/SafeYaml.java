package io.jenkins.plugins.gitops.manifest;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML (or JSON) stream from an untrusted repository into {@link YamlValue}s, with lines.
 *
 * <p>Only what JSON can express comes through: mappings with string keys, sequences, strings, numbers,
 * booleans and null. Tags other than the standard ones are refused rather than constructed, so no
 * class is ever instantiated from a document. Aliases are bounded twice: snakeyaml refuses many
 * aliases to collections, and expansion here stops at a node budget, so a billion-laughs document
 * costs little. Document size and nesting depth are bounded too.
 */
final class SafeYaml {

    static final int MAX_COLLECTION_ALIASES = 50;
    static final int MAX_NESTING_DEPTH = 100;
    static final int MAX_DOCUMENT_CODE_POINTS = 3 * 1024 * 1024;
    /** Nodes one document may expand to once aliases are followed; far above the largest real CRDs. */
    static final int MAX_EXPANDED_NODES = 500_000;

    /** What a stream held: its non-empty documents, or the problems that make it unusable. */
    record Parsed(List<YamlDocument> documents, List<Problem> problems) {}

    private SafeYaml() {}

    /**
     * Reads every document of {@code text}. A syntax error ends the stream (the parser cannot resume),
     * other problems are collected document by document.
     *
     * @param file the name to use in source locations
     */
    static Parsed read(String file, String text) {
        LoaderOptions options = options();
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        Composer composer = new Composer(parser, new Resolver(), options);
        List<YamlDocument> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int documentLine = 1;
        try {
            while (composer.checkNode()) {
                documentLine = parser.peekEvent().getStartMark().getLine() + 1;
                Node root = composer.getNode();
                if (root == null || root.getTag().equals(Tag.NULL)) {
                    continue; // an empty document, as between "---" lines
                }
                Converter converter = new Converter(file);
                try {
                    // Kept even with problems, so that its other problems are found too; the revision is refused anyway.
                    documents.add(new YamlDocument(new SourceLocation(file, line(root)), converter.convert(root)));
                } catch (TooLarge e) {
                    converter.problems.add(new Problem(new SourceLocation(file, line(root)),
                            "document expands to more than " + MAX_EXPANDED_NODES
                                    + " values through aliases (refused as a possible billion-laughs attack)"));
                }
                problems.addAll(converter.problems);
            }
        } catch (MarkedYAMLException e) {
            problems.add(new Problem(new SourceLocation(file, e.getProblemMark().getLine() + 1), syntaxMessage(e)));
        } catch (YAMLException e) {
            problems.add(new Problem(new SourceLocation(file, documentLine), limitMessage(e)));
        }
        return new Parsed(documents, problems);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setTagInspector(tag -> false); // snakeyaml's default, stated: no global tag is ever trusted
        return options;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().strip();
        if (problem.startsWith(GLOBAL_TAG_REFUSED)) {
            return refusedTag(problem.substring(GLOBAL_TAG_REFUSED.length()).strip());
        }
        // Only the parser's wording, never its snippet of the input: the line could hold a secret.
        return e.getContext() == null ? "YAML syntax: " + problem : "YAML syntax: " + problem + " (" + e.getContext() + ")";
    }

    /** snakeyaml refuses global tags ({@code !!java.net.URL}) itself, before they reach {@link Converter}. */
    private static final String GLOBAL_TAG_REFUSED = "Global tag is not allowed:";

    private static String refusedTag(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "tag " + shown + " is not allowed: only plain YAML/JSON values (no custom or binary types)";
    }

    private static String limitMessage(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "more than " + MAX_COLLECTION_ALIASES
                    + " aliases to collections in one document (refused as a possible billion-laughs attack)";
        }
        if (message.contains("exceeds the limit")) {
            return "document is longer than " + MAX_DOCUMENT_CODE_POINTS + " characters";
        }
        if (message.contains("Nesting Depth")) {
            return "document nests deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        return "YAML: " + message.lines().findFirst().orElse(message);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Thrown when a document expands past {@link #MAX_EXPANDED_NODES}. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Turns one document's node graph into {@link YamlValue}s, collecting problems with their lines. */
    private static final class Converter {

        private final String file;
        private final List<Problem> problems = new ArrayList<>();
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Scalars scalars = new Scalars();
        private int nodes;

        Converter(String file) {
            this.file = file;
        }

        YamlValue convert(Node node) {
            if (++nodes > MAX_EXPANDED_NODES) {
                throw new TooLarge();
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (!open.add(node)) {
                problem(node, "an alias refers to a value that contains it");
                return new YamlValue.Invalid(line(node));
            }
            try {
                if (node instanceof MappingNode mapping && mapping.getTag().equals(Tag.MAP)) {
                    return mapping(mapping);
                }
                if (node instanceof SequenceNode sequence && sequence.getTag().equals(Tag.SEQ)) {
                    List<YamlValue> items = new ArrayList<>();
                    for (Node item : sequence.getValue()) {
                        items.add(convert(item));
                    }
                    return new YamlValue.Sequence(Collections.unmodifiableList(items), line(node));
                }
                return refusedTag(node);
            } finally {
                open.remove(node);
            }
        }

        private YamlValue scalar(ScalarNode node) {
            Tag tag = node.getTag();
            int line = line(node);
            if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
                // Kubernetes has no timestamp type: a date stays the text it was written as.
                return new YamlValue.Scalar(node.getValue(), line);
            }
            if (tag.equals(Tag.NULL)) {
                return new YamlValue.Invalid(line);
            }
            if (tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                Object value;
                try {
                    value = scalars.construct(node);
                } catch (RuntimeException e) {
                    // The value is not shown: it could be a secret someone tagged by mistake.
                    problem(node, "value is not a valid " + tag.getValue().replace(Tag.PREFIX, "!!"));
                    return new YamlValue.Invalid(line);
                }
                if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
                    problem(node, "'" + node.getValue() + "' is not a finite number, which JSON cannot hold");
                    return new YamlValue.Invalid(line);
                }
                return new YamlValue.Scalar(value, line);
            }
            return refusedTag(node);
        }

        private YamlValue refusedTag(Node node) {
            problem(node, SafeYaml.refusedTag(node.getTag().getValue()));
            return new YamlValue.Invalid(line(node));
        }

        private YamlValue mapping(MappingNode node) {
            Map<String, YamlValue> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    merges.add(tuple.getValueNode());
                    continue;
                }
                String key = key(keyNode);
                if (key == null) {
                    continue;
                }
                Integer first = keyLines.putIfAbsent(key, line(keyNode));
                if (first != null) {
                    problem(keyNode, "key '" + key + "' repeats (first at line " + first + ")");
                    continue;
                }
                entries.put(key, convert(tuple.getValueNode()));
            }
            for (Node merge : merges) {
                merge(merge, entries);
            }
            return new YamlValue.Mapping(Collections.unmodifiableMap(entries), line(node));
        }

        /** A merge key ({@code <<: *base}) adds the keys the mapping does not set itself, as YAML 1.1 says. */
        private void merge(Node source, Map<String, YamlValue> entries) {
            List<Node> sources = source instanceof SequenceNode sequence ? sequence.getValue() : List.of(source);
            for (Node each : sources) {
                if (convert(each) instanceof YamlValue.Mapping mapping) {
                    mapping.entries().forEach(entries::putIfAbsent);
                } else {
                    problem(each, "a merge key (<<) must refer to a mapping or a list of mappings");
                }
            }
        }

        private String key(Node keyNode) {
            if (keyNode instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
                return scalar.getValue();
            }
            String what;
            if (!(keyNode instanceof ScalarNode scalar)) {
                what = "a key must be a string, not a " + (keyNode instanceof MappingNode ? "mapping" : "sequence");
            } else if (scalar.getTag().equals(Tag.NULL)) {
                what = "a key is empty or null; quote it if it is meant as text";
            } else {
                String type = scalar.getTag().equals(Tag.BOOL) ? "a boolean" : "a number";
                what = "key '" + scalar.getValue() + "' is read as " + type + "; quote it to make it a string";
            }
            problem(keyNode, what);
            return null;
        }

        private void problem(Node node, String message) {
            problems.add(new Problem(new SourceLocation(file, line(node)), message));
        }
    }

    /** snakeyaml's own reading of booleans, integers (YAML 1.1 forms included) and floats. */
    private static final class Scalars extends SafeConstructor {

        Scalars() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return yamlConstructors.get(node.getTag()).construct(node);
        }
    }
}
