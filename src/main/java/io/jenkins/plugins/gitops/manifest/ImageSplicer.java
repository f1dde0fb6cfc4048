package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Rewrites the tags and digests of images in the text of one YAML or JSON file, and nothing else.
 *
 * <p>It finds, by normalised repository, (1) string values of keys named {@code image}, (2) entries of a
 * kustomization's {@code images:} whose images are of the repository once kustomize has run (their
 * {@code newName}, or their {@code name} when they have none), and (3) Helm
 * values mappings holding {@code repository} (with an optional {@code registry}) beside {@code tag} and/or
 * {@code digest}. The positions snakeyaml records for each scalar give the exact characters to replace, so
 * comments, key order, quoting, indentation, flow style, documents, line endings and a byte order mark
 * stay as written, and the repository stays spelled as the file spells it.
 *
 * <p>After an edit each place runs the requested version: an {@code image:} value carries exactly the
 * request's tag and digest; a tag-only request empties a stale {@code digest} (kustomize and most charts let
 * a digest win over a tag); a digest-only request leaves a kustomization's {@code newTag} as it was, since
 * the digest decides what runs. A kustomization entry with neither {@code newTag} nor {@code digest} takes its
 * tag from the image fields it selects: one with a {@code tagSuffix} is left alone (a {@code newTag} would
 * drop the suffix), one with a {@code newName} is told back as a {@link ImageSplice.Rename} for
 * {@link ImageUpdater} to decide, and is given a {@code newTag} only when asked to pin renames.
 * Flux image automation objects ({@code image.toolkit.fluxcd.io}) are left
 * alone: their {@code image} names a repository to scan and must stay without a tag.
 */
public final class ImageSplicer {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String file;
    private final String body;
    private final boolean json;
    private final boolean codePointsAreChars;
    private final List<ImageReference> images;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Edit> edits = new ArrayList<>();
    private final List<ImageMatch> matches = new ArrayList<>();
    private final List<ImageSplice.Rename> renames = new ArrayList<>();
    private final boolean pinRenames;

    /** A replacement of {@code body[start, end)}; start equals end for an insertion. */
    private record Edit(int start, int end, String replacement) {}

    private ImageSplicer(String file, String body, List<ImageReference> images, boolean pinRenames) {
        this.file = file;
        this.pinRenames = pinRenames;
        this.body = body;
        this.json = file.toLowerCase(Locale.ROOT).endsWith(".json");
        this.codePointsAreChars = body.codePoints().count() == body.length();
        this.images = images;
    }

    /**
     * Sets the tag and digest of every place in one file's text that names a requested repository.
     *
     * @param file the file's path, relative and with forward slashes: it names the file in messages and
     *     locations, decides JSON output ({@code .json}) and kustomization handling (by file name)
     * @param text the file's whole text, possibly starting with a byte order mark
     * @param images the requested images, each with a tag or digest, no two of one repository
     * @throws ImageEditException when the file is not valid YAML, or a place that must change is written in
     *     a way that cannot be edited in place (escapes, several lines, block scalar)
     */
    public static ImageSplice splice(String file, String text, List<ImageReference> images) {
        return splice(file, text, images, false);
    }

    /** As {@link #splice(String, String, List)}; with {@code pinRenames}, renaming entries get the requested {@code newTag}. */
    static ImageSplice splice(String file, String text, List<ImageReference> images, boolean pinRenames) {
        checkRequests(images);
        boolean bom = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK;
        String body = bom ? text.substring(1) : text;
        if (images.stream().noneMatch(image -> body.contains(lastPathComponent(image)))) {
            return new ImageSplice(text, List.of(), List.of());
        }
        ImageSplicer splicer = new ImageSplicer(file, body, images, pinRenames);
        splicer.findAll();
        String edited = splicer.applyEdits();
        return new ImageSplice(bom ? BYTE_ORDER_MARK + edited : edited, splicer.matches, splicer.renames);
    }

    /** Whether the file is one kustomize reads as a kustomization, by its name. */
    public static boolean isKustomization(String file) {
        return RevisionRenderer.KUSTOMIZATION_FILES.contains(file.substring(file.lastIndexOf('/') + 1));
    }

    static void checkRequests(List<ImageReference> images) {
        if (images.isEmpty()) {
            throw new ImageEditException("no image to promote");
        }
        for (int i = 0; i < images.size(); i++) {
            ImageReference image = images.get(i);
            if (!image.hasTag() && !image.hasDigest()) {
                throw new ImageEditException("image '" + image + "' has neither tag nor digest: nothing to promote");
            }
            for (ImageReference other : images.subList(0, i)) {
                if (other.sameRepository(image)) {
                    throw new ImageEditException(
                            "images '" + other + "' and '" + image + "' name the same repository " + image.repository());
                }
            }
        }
    }

    private static String lastPathComponent(ImageReference image) {
        return image.path().substring(image.path().lastIndexOf('/') + 1);
    }

    private void findAll() {
        // JSON may indent with tabs, which YAML forbids; a tab is never raw inside a JSON string, and one
        // space for one tab keeps every position.
        String yaml = json ? body.replace('\t', ' ') : body;
        // Composing builds no objects, and an alias is the node it names (visited once), so snakeyaml's
        // default limits are all the safety needed.
        try {
            for (Node document : new Yaml(new SafeConstructor(new LoaderOptions())).composeAll(new StringReader(yaml))) {
                if (isFluxImageAutomation(document)) {
                    continue;
                }
                if (isKustomization(file)) {
                    findKustomizationImages(document);
                }
                visit(document);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? file : file + ":" + (mark.getLine() + 1);
            throw new ImageEditException(where + ": not valid YAML: " + (e.getProblem() == null ? "syntax error" : e.getProblem().strip()));
        } catch (YAMLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ImageEditException(file + ": not valid YAML: " + message);
        }
    }

    private static boolean isFluxImageAutomation(Node document) {
        return document instanceof MappingNode root
                && value(keys(root), "apiVersion") instanceof ScalarNode apiVersion
                && apiVersion.getValue().startsWith("image.toolkit.fluxcd.io/");
    }

    private void visit(Node node) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            findImageValues(mapping);
            findHelmValues(mapping);
            mapping.getValue().forEach(tuple -> visit(tuple.getValueNode()));
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::visit);
        }
    }

    /** {@code image: acme/web:1.0} in containers of any workload, Helm values and the like. */
    private void findImageValues(MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
            // An alias repeats its anchor's node: the text holds it once.
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("image")
                    && tuple.getValueNode() instanceof ScalarNode value && visited.add(value)) {
                ImageReference current = reference(value.getValue());
                ImageReference wanted = requestFor(current);
                if (wanted != null) {
                    record(wanted, value, List.of(set(value, current.name() + wanted.version())));
                }
            }
        }
    }

    /** {@code repository: acme/web} beside {@code tag:} and/or {@code digest:}, with an optional {@code registry:}. */
    private void findHelmValues(MappingNode mapping) {
        Map<String, NodeTuple> keys = keys(mapping);
        ScalarNode repository = scalarValue(keys, "repository");
        ScalarNode tag = scalarValue(keys, "tag");
        ScalarNode digest = scalarValue(keys, "digest");
        if (repository == null || tag == null && digest == null) {
            return;
        }
        ScalarNode registry = scalarValue(keys, "registry");
        String name = registry == null || registry.getValue().isEmpty()
                ? repository.getValue()
                : registry.getValue() + "/" + repository.getValue();
        ImageReference current = reference(name);
        ImageReference wanted = current == null || current.hasTag() || current.hasDigest() ? null : requestFor(current);
        if (wanted == null) {
            return;
        }
        List<Edit> changes = new ArrayList<>();
        if (wanted.hasDigest() && digest != null) {
            changes.add(set(digest, wanted.digest()));
            if (wanted.hasTag() && tag != null) {
                changes.add(set(tag, wanted.tag()));
            }
        } else if (wanted.hasDigest()) {
            if (!wanted.hasTag()) {
                throw error(repository, "Helm values for '" + name + "' have a 'tag' but no 'digest' key; promote '"
                        + wanted + "' with a tag as well");
            }
            changes.add(set(tag, wanted.tag() + "@" + wanted.digest()));
        } else {
            if (tag == null) {
                throw error(repository, "Helm values for '" + name + "' have a 'digest' but no 'tag' key; promote '"
                        + wanted + "' with a digest");
            }
            changes.add(set(tag, wanted.tag()));
            if (digest != null && !digest.getValue().isEmpty()) {
                changes.add(set(digest, ""));
            }
        }
        record(wanted, repository, changes);
    }

    /** Entries of a kustomization's {@code images:}: {@code newTag} and {@code digest} are set or added. */
    private void findKustomizationImages(Node document) {
        if (!(document instanceof MappingNode root)
                || !(value(keys(root), "images") instanceof SequenceNode entries)) {
            return;
        }
        for (Node node : entries.getValue()) {
            if (!(node instanceof MappingNode entry)) {
                continue;
            }
            Map<String, NodeTuple> keys = keys(entry);
            ScalarNode name = scalarValue(keys, "name");
            ScalarNode newName = scalarValue(keys, "newName");
            // What kustomize makes of the images the entry selects: renamed, they are no longer of name's repository.
            ScalarNode rendered = newName != null ? newName : name;
            ImageReference wanted = rendered == null ? null : requestFor(reference(rendered.getValue()));
            if (wanted == null) {
                continue;
            }
            ScalarNode newTag = scalarValue(keys, "newTag");
            ScalarNode digest = scalarValue(keys, "digest");
            if (newTag == null && digest == null) {
                if (scalarValue(keys, "tagSuffix") != null) {
                    continue;
                }
                if (newName != null && name != null && !pinRenames) {
                    renames.add(new ImageSplice.Rename(wanted, name.getValue(),
                            new SourceLocation(file, newName.getStartMark().getLine() + 1)));
                    continue;
                }
            }
            List<Edit> changes = new ArrayList<>();
            if (wanted.hasTag()) {
                changes.add(newTag != null ? set(newTag, wanted.tag()) : add(entry, "newTag", wanted.tag()));
            }
            if (wanted.hasDigest()) {
                changes.add(digest != null ? set(digest, wanted.digest()) : add(entry, "digest", wanted.digest()));
            } else if (digest != null && !digest.getValue().isEmpty()) {
                changes.add(set(digest, ""));
            }
            record(wanted, name != null ? name : newName, changes);
        }
    }

    private void record(ImageReference wanted, Node where, List<Edit> changes) {
        List<Edit> real = changes.stream()
                .filter(edit -> !body.substring(edit.start(), edit.end()).equals(edit.replacement()))
                .toList();
        edits.addAll(real);
        matches.add(new ImageMatch(wanted, new SourceLocation(file, where.getStartMark().getLine() + 1), !real.isEmpty()));
    }

    /** Replaces a scalar's value, keeping its quoting; a value that would not read back as that string gets quoted. */
    private Edit set(ScalarNode node, String value) {
        int start = index(node.getStartMark());
        int end = index(node.getEndMark());
        if (start == end) {
            // An empty value ("tag:" with nothing after it) starts right after the colon.
            return new Edit(start, end, " " + render(value, ScalarStyle.PLAIN));
        }
        String written = render(node.getValue(), node.getScalarStyle(), true);
        String source = body.substring(start, end);
        int from = source.length() - (written == null ? 0 : written.length());
        if (written == null || !source.endsWith(written) || from > 0 && !Character.isWhitespace(source.charAt(from - 1))) {
            throw error(node, "cannot edit '" + node.getValue()
                    + "' in place: it is written across lines, with escapes or as a block scalar");
        }
        return new Edit(start + from, end, render(value, node.getScalarStyle()));
    }

    /** Adds {@code key: value} as the last entry of a mapping, in its flow or block style and its quoting. */
    private Edit add(MappingNode entry, String key, String value) {
        List<NodeTuple> tuples = entry.getValue();
        ScalarNode firstKey = (ScalarNode) tuples.get(0).getKeyNode();
        Node styleSource = tuples.stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals("name"))
                .map(NodeTuple::getValueNode)
                .findFirst()
                .orElse(firstKey);
        ScalarStyle valueStyle = styleSource instanceof ScalarNode scalar ? scalar.getScalarStyle() : ScalarStyle.PLAIN;
        String pair = render(key, firstKey.getScalarStyle()) + ": " + render(value, valueStyle);
        Node last = tuples.get(tuples.size() - 1).getValueNode();
        int end = index(last.getEndMark());
        if (entry.getFlowStyle() == FlowStyle.FLOW) {
            return new Edit(end, end, ", " + pair);
        }
        if (!(last instanceof ScalarNode)) {
            throw error(entry, "cannot add '" + key + "': the entry's last value is not a plain value");
        }
        String indent = " ".repeat(firstKey.getStartMark().getColumn());
        int newline = body.indexOf('\n', end);
        if (newline < 0) {
            return new Edit(body.length(), body.length(), lineBreak() + indent + pair);
        }
        String lineBreak = newline > 0 && body.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
        return new Edit(newline + 1, newline + 1, indent + pair + lineBreak);
    }

    private String render(String value, ScalarStyle style) {
        return render(value, style, false);
    }

    /**
     * A value as the style writes it, assuming it needs no escapes (tags, digests and image names never do).
     * With {@code asWritten} a plain value is given back as is; otherwise one that would read back as
     * something else (a number, a boolean, null) or is in a JSON file is double-quoted.
     */
    private String render(String value, ScalarStyle style, boolean asWritten) {
        return switch (style) {
            case DOUBLE_QUOTED -> '"' + value + '"';
            case SINGLE_QUOTED -> "'" + value + "'";
            case PLAIN -> asWritten || !json && PlainScalars.readBackAsString(value) ? value : '"' + value + '"';
            default -> null;
        };
    }

    private String lineBreak() {
        int newline = body.indexOf('\n');
        return newline > 0 && body.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
    }

    private String applyEdits() {
        List<Edit> ordered = edits.stream().distinct().sorted(Comparator.comparingInt(Edit::start)).toList();
        StringBuilder result = new StringBuilder(body.length() + 64);
        int copied = 0;
        for (Edit edit : ordered) {
            if (edit.start() < copied) {
                int line = (int) body.substring(0, edit.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new ImageEditException(file + ":" + line + ": two images would change the same value (an alias?)");
            }
            result.append(body, copied, edit.start()).append(edit.replacement());
            copied = edit.end();
        }
        return result.append(body, copied, body.length()).toString();
    }

    /** snakeyaml counts code points; Java strings count UTF-16 chars. */
    private int index(Mark mark) {
        return codePointsAreChars ? mark.getIndex() : body.offsetByCodePoints(0, mark.getIndex());
    }

    private ImageEditException error(Node node, String message) {
        return new ImageEditException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    private ImageReference requestFor(ImageReference current) {
        if (current == null) {
            return null;
        }
        return images.stream().filter(current::sameRepository).findFirst().orElse(null);
    }

    /** The text as an image reference, or null; text that cannot name a requested repository is not parsed. */
    private ImageReference reference(String text) {
        if (images.stream().noneMatch(image -> text.contains(lastPathComponent(image)))) {
            return null;
        }
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException notAnImage) {
            return null;
        }
    }

    private static Map<String, NodeTuple> keys(MappingNode mapping) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                keys.put(key.getValue(), tuple);
            }
        }
        return keys;
    }

    private static Node value(Map<String, NodeTuple> keys, String key) {
        NodeTuple tuple = keys.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static ScalarNode scalarValue(Map<String, NodeTuple> keys, String key) {
        return value(keys, key) instanceof ScalarNode scalar ? scalar : null;
    }
}
