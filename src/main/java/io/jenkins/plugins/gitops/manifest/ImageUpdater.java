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
 * Every file is read and edited before the first is written, so a bad file changes nothing.
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
        ImageSplicer.checkRequests(images);
        if (!Files.isDirectory(directory)) {
            throw new ImageEditException("directory '" + directory + "' does not exist");
        }
        Map<ImageReference, List<SourceLocation>> changes = new LinkedHashMap<>();
        images.forEach(image -> changes.put(image, new ArrayList<>()));
        List<ImageReference> unmatched = new ArrayList<>(images);
        Map<String, String> edited = new TreeMap<>();
        for (Map.Entry<String, Path> file : editableFiles(directory).entrySet()) {
            String text = read(file.getValue(), file.getKey());
            ImageSplice splice = ImageSplicer.splice(file.getKey(), text, images);
            for (ImageMatch match : splice.matches()) {
                unmatched.remove(match.image());
                if (match.changed()) {
                    changes.get(match.image()).add(match.location());
                }
            }
            if (!splice.text().equals(text)) {
                edited.put(file.getKey(), splice.text());
            }
        }
        ChartTemplateImages.refuseTemplateOnly(directory, unmatched);
        if (!unmatched.isEmpty()) {
            throw new ImageEditException(unmatched.stream().map(image -> "'" + image + "'").collect(Collectors.joining(", "))
                    + (unmatched.size() == 1 ? " matches" : " match")
                    + " no image field, kustomization image or Helm image values under '" + directory + "'");
        }
        for (Map.Entry<String, String> file : edited.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return new ImageUpdate(List.copyOf(edited.keySet()), changes);
    }

    /** The files to edit by their relative path with forward slashes, sorted. */
    private static Map<String, Path> editableFiles(Path directory) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
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
