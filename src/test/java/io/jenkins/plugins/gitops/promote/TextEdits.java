package io.jenkins.plugins.gitops.promote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The simple text edit the transaction tests use in place of the image editor. */
final class TextEdits {

    private TextEdits() {}

    /** Replaces the line of {@code file} that starts with {@code key} by {@code key + value}. */
    static ConfigEdit setLine(String file, String key, String value) {
        return directory -> {
            Path target = directory.resolve(file);
            String before = Files.readString(target);
            String after = before.lines()
                    .map(line -> line.startsWith(key) ? key + value : line)
                    .collect(Collectors.joining("\n", "", "\n"));
            if (after.equals(before)) {
                return List.of();
            }
            Files.writeString(target, after);
            return List.of(Path.of(file));
        };
    }

}
