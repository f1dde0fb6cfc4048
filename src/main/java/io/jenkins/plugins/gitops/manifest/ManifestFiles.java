package io.jenkins.plugins.gitops.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The manifest files of a plain directory: {@code *.yaml}, {@code *.yml} and {@code *.json}, found
 * recursively in the order of their relative paths, skipping names that start with a dot
 * ({@code .git}, {@code .github}, editor files). Symbolic links are followed only inside the directory.
 * A sub-directory holding a kustomization is not descended into: it is listed to be built whole, as
 * Flux's kustomize-controller builds such a tree (it generates a kustomization whose resources are the
 * manifests and those sub-directories).
 */
final class ManifestFiles {

    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    /** One file's text. @param path relative to the directory, with forward slashes */
    record ManifestFile(String path, String text) {}

    /**
     * @param files the manifests, in path order
     * @param kustomizations the sub-directories to build with kustomize, each as the path of its
     *     kustomization file ({@code apps/web/kustomization.yaml}), in path order
     */
    record Listing(List<ManifestFile> files, List<String> kustomizations, List<Problem> problems) {}

    private ManifestFiles() {}

    static Listing list(Path directory) throws IOException {
        Path root = directory.toRealPath();
        List<Path> found = new ArrayList<>();
        List<String> kustomizations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (hidden(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                for (String name : RevisionRenderer.KUSTOMIZATION_FILES) {
                    if (Files.isRegularFile(dir.resolve(name))) {
                        kustomizations.add(relative(root, dir.resolve(name)));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hidden(file) && manifest(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(new Problem(new SourceLocation(relative(root, file), 0), "cannot be read (" + e.getClass().getSimpleName() + ")"));
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(file -> relative(root, file)));
        List<ManifestFile> files = new ArrayList<>();
        long total = 0;
        for (Path file : found) {
            String relative = relative(root, file);
            try {
                String problem = unreadable(root, file);
                if (problem != null) {
                    problems.add(new Problem(new SourceLocation(relative, 0), problem));
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                total += bytes.length;
                if (total > RevisionRenderer.MAX_REVISION_BYTES) {
                    problems.add(new Problem(new SourceLocation(relative, 0), "takes the revision past the "
                            + RevisionRenderer.MAX_REVISION_BYTES / (1024 * 1024) + " MiB of manifests it may have"));
                    break;
                }
                String text = decode(bytes);
                if (text == null) {
                    problems.add(new Problem(new SourceLocation(relative, 0), "is not UTF-8 text"));
                    continue;
                }
                // A tab is never part of valid JSON text outside strings but whitespace; YAML forbids it there.
                files.add(new ManifestFile(relative, relative.toLowerCase(Locale.ROOT).endsWith(".json") ? text.replace('\t', ' ') : text));
            } catch (IOException e) {
                problems.add(new Problem(new SourceLocation(relative, 0), "cannot be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        kustomizations.sort(Comparator.naturalOrder());
        return new Listing(files, kustomizations, problems);
    }

    /** Why a found file is not read, or null when it is fine. */
    private static String unreadable(Path root, Path file) throws IOException {
        if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(root)) {
            return "is a symbolic link to outside the rendered directory";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file";
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            return "is " + size + " bytes, more than the " + MAX_FILE_BYTES / (1024 * 1024) + " MiB a manifest file may have";
        }
        return null;
    }

    private static boolean manifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** Forward slashes whatever the platform, so locations read the same everywhere. */
    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
