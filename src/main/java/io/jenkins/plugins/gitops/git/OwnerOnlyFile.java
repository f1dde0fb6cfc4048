package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Key material JGit reads from a file: created readable by its owner only before any byte of it is written. */
final class OwnerOnlyFile {

    private OwnerOnlyFile() {}

    /** Writes {@code text}, ending with a newline, to the new file {@code file} in a directory created if missing. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text.endsWith("\n") ? text : text + "\n");
        return file;
    }
}
