package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Promotes images in a directory of a config repository checkout: every {@code *.yaml}, {@code *.yml},
 * {@code *.json} and {@code Kustomization} file below it is edited in place by {@link ImageSplicer}.
 * Skipped, as the renderer skips them: names starting with a dot ({@code .git}, {@code .github} whose
 * workflows have {@code image:} keys of their own); also symbolic links (a target inside the directory is
 * edited where it lies) and the {@code templates} of Helm charts (Go templates, not YAML).
 * Every file is read and edited before the first is written, so a bad file changes nothing. A kustomization
 * entry that renames images to a requested repository without a tag is resolved across the files
 * ({@link ImageSplice.Rename}; docs/promotion-edits.md says why).
 */
public final class ImageUpdater {

    private ImageUpdater() {}

    /**
     * Sets the tag and digest of every place below {@code directory} that names one of the images' repositories.
     *
     * @param directory the directory to edit, for example a checkout's {@code apps/web/overlays/prod}
     * @param images images to promote, each with a tag or a digest, no two of one repository
     * @return the files changed and, per image, the places changed; nothing when all were already in place
     * @throws ImageEditException naming the image and the directory when an image matches nothing there, or
     *     naming the file and line of a file that cannot be read or edited in place
     * @throws IOException when reading or writing fails
     */
    public static ImageUpdate update(Path directory, List<ImageReference> images) throws IOException {
        return update(directory, directory.toString(), "", images);
    }

    /**
     * As {@link #update(Path, List)}, for {@code target} at {@code repositoryPath} inside a checkout: messages
     * and locations name files by their path inside the repository, never by the checkout's.
     *
     * @param target a directory, or one file to edit alone
     * @param repositoryPath where {@code target} is inside the repository, {@code ""} for its root
     * @return as {@link #update(Path, List)}, the changed files relative to {@code target}, or for a file to
     *     its directory
     */
    public static ImageUpdate update(Path target, String repositoryPath, List<ImageReference> images) throws IOException {
        String directory = Files.isRegularFile(target) ? parent(repositoryPath) : repositoryPath;
        return update(target, repositoryPath.isEmpty() ? "." : repositoryPath, directory.isEmpty() ? "" : directory + "/", images);
    }

    private static ImageUpdate update(Path target, String shown, String filePrefix, List<ImageReference> images) throws IOException {
        ImageSplicer.checkRequests(images);
        boolean single = Files.isRegularFile(target);
        if (!single && !Files.isDirectory(target)) {
            throw new ImageEditException("directory '" + shown + "' does not exist");
        }
        Path directory = single ? target.getParent() : target;
        Map<String, String> read = new TreeMap<>();
        for (Map.Entry<String, Path> file : editableFiles(target, directory).entrySet()) {
            read.put(file.getKey(), read(file.getValue(), filePrefix + file.getKey()));
        }
        Map<String, String> texts = new TreeMap<>(read);
        List<ImageMatch> matches = new ArrayList<>();
        List<ImageSplice.Rename> renames = new ArrayList<>();
        splice(texts, filePrefix, images, false, matches, renames);
        if (!renames.isEmpty()) {
            resolve(renames, texts, filePrefix, matches);
        }
        Map<ImageReference, List<SourceLocation>> changes = new LinkedHashMap<>();
        images.forEach(image -> changes.put(image, new ArrayList<>()));
        List<ImageReference> unmatched = new ArrayList<>(images);
        for (ImageMatch match : matches) {
            unmatched.remove(match.image());
            if (match.changed()) {
                changes.get(match.image()).add(match.location());
            }
        }
        Map<String, String> edited = new TreeMap<>();
        texts.forEach((file, text) -> {
            if (!text.equals(read.get(file))) {
                edited.put(file, text);
            }
        });
        ChartTemplateImages.refuseTemplateOnly(directory, filePrefix, unmatched);
        if (!unmatched.isEmpty()) {
            throw new ImageEditException(unmatched.stream().map(image -> "'" + image + "'").collect(Collectors.joining(", "))
                    + (unmatched.size() == 1 ? " matches" : " match")
                    + " no image field, kustomization image or Helm image values " + (single ? "in" : "under") + " '" + shown + "'");
        }
        for (Map.Entry<String, String> file : edited.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return new ImageUpdate(List.copyOf(edited.keySet()), changes);
    }

    /** Splices every text in place, collecting the matches and renames found. */
    private static void splice(Map<String, String> texts, String filePrefix, List<ImageReference> images, boolean pinRenames,
            List<ImageMatch> matches, List<ImageSplice.Rename> renames) {
        texts.replaceAll((file, text) -> {
            ImageSplice splice = ImageSplicer.splice(filePrefix + file, text, images, pinRenames);
            matches.addAll(splice.matches());
            renames.addAll(splice.renames());
            return splice.text();
        });
    }

    /**
     * Kustomize gives images a rename selects (by its {@code name}) the tag they had: where such image fields
     * are among the files, they carry the promoted tag and digest and the rename stays as written, so that
     * other images and overlays are not pinned; where none are (the base lies outside the path), the entry
     * itself is the only place that decides the tag, and gets a {@code newTag}.
     */
    private static void resolve(List<ImageSplice.Rename> renames, Map<String, String> texts, String filePrefix,
            List<ImageMatch> matches) {
        Map<ImageReference, ImageReference> renamedFrom = new LinkedHashMap<>();
        for (ImageSplice.Rename rename : renames) {
            ImageReference source = source(rename);
            if (source != null && renamedFrom.keySet().stream().noneMatch(source::sameRepository)) {
                renamedFrom.put(source, rename.image());
            }
        }
        List<ImageMatch> sourceMatches = new ArrayList<>();
        if (!renamedFrom.isEmpty()) {
            splice(texts, filePrefix, List.copyOf(renamedFrom.keySet()), false, sourceMatches, new ArrayList<>());
        }
        List<ImageReference> carried = new ArrayList<>();
        for (ImageMatch match : sourceMatches) {
            ImageReference image = renamedFrom.get(match.image());
            carried.add(image);
            matches.add(new ImageMatch(image, match.location(), match.changed()));
        }
        List<ImageReference> pinned = renames.stream().map(ImageSplice.Rename::image).distinct()
                .filter(image -> !carried.contains(image)).toList();
        if (!pinned.isEmpty()) {
            splice(texts, filePrefix, pinned, true, matches, new ArrayList<>());
        }
    }

    /** The images a rename selects, with the promoted tag and digest; null when its name is no image name. */
    private static ImageReference source(ImageSplice.Rename rename) {
        try {
            return ImageReference.parse(rename.name() + rename.image().version());
        } catch (IllegalArgumentException notAnImage) {
            return null;
        }
    }

    private static String parent(String repositoryPath) {
        int slash = repositoryPath.lastIndexOf('/');
        return slash < 0 ? "" : repositoryPath.substring(0, slash);
    }

    /** The files to edit (below {@code target}, or {@code target} itself) by their path relative to {@code directory}, sorted. */
    private static Map<String, Path> editableFiles(Path target, Path directory) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.equals(directory) ? "" : dir.getFileName().toString();
                boolean chartTemplates = name.equals("templates") && Files.isRegularFile(dir.resolveSibling("Chart.yaml"));
                return name.startsWith(".") || chartTemplates ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (attributes.isRegularFile() && !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml")
                        || lower.endsWith(".json") || ImageSplicer.isKustomization(name))) {
                    files.put(relative(directory, file), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String relative(Path directory, Path file) {
        return StreamSupport.stream(directory.relativize(file).spliterator(), false)
                .map(Path::toString)
                .collect(Collectors.joining("/"));
    }

    private static String read(Path file, String relative) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ImageEditException(relative + ": not UTF-8 text");
        }
    }
}
