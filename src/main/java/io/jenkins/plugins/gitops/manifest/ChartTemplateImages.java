package io.jenkins.plugins.gitops.manifest;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Finds the images a promotion matched nowhere that Helm chart templates name literally
 * ({@code image: registry/app:1.2} in {@code templates/}). Promotion edits values files, not Go
 * templates, so such an image is refused with the templates named: what to change is the chart, to
 * take the image from its values.
 */
final class ChartTemplateImages {

    /** A literal image, quoted or not; one with template actions ({@code {{ }}}) is not. */
    private static final Pattern IMAGE_LINE = Pattern.compile("^\\s*(?:-\\s+)?image:\\s*[\"']?([^\"'\\s{}#]+)[\"']?\\s*(?:#.*)?$");

    private ChartTemplateImages() {}

    /**
     * Throws when some of {@code unmatched} are named by literal {@code image:} lines in the templates of
     * a chart below {@code directory}, naming those images and each file and line by its path in the repository
     * ({@code filePrefix} and the path below {@code directory}).
     */
    static void refuseTemplateOnly(Path directory, String filePrefix, List<ImageReference> unmatched) throws IOException {
        List<ImageReference> found = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (Path templates : templateDirectories(directory)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(templates)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                List<String> lines = lines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher image = IMAGE_LINE.matcher(lines.get(i));
                    if (!image.matches()) {
                        continue;
                    }
                    ImageReference named = parse(image.group(1));
                    for (ImageReference promoted : unmatched) {
                        if (named != null && named.sameRepository(promoted)) {
                            if (!found.contains(promoted)) {
                                found.add(promoted);
                            }
                            places.add(filePrefix + relative(directory, file) + ":" + (i + 1));
                        }
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            throw new ImageEditException(found.stream().map(image -> "'" + image + "'").collect(Collectors.joining(", "))
                    + " appear" + (found.size() == 1 ? "s" : "") + " only in literal image: lines of Helm chart templates ("
                    + String.join(", ", places) + "), which promotion does not edit: take the image from the chart's values"
                    + " (image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\") and set it in a values file");
        }
    }

    /** {@code templates} folders beside a {@code Chart.yaml}, the charts' and their sub-charts', skipping hidden ones. */
    private static List<Path> templateDirectories(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(path -> path.getFileName().toString().equals("templates") && Files.isDirectory(path)
                            && Files.isRegularFile(path.resolveSibling("Chart.yaml"))
                            && StreamSupport.stream(directory.relativize(path).spliterator(), false)
                                    .noneMatch(part -> part.toString().startsWith(".")))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        }
    }

    private static ImageReference parse(String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
