package io.jenkins.plugins.gitops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** An image watch's state as a small JSON file, replaced atomically so a crash leaves the old or the new one. */
public final class ImageWatchStateFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ImageWatchStateFile(Path file) {
        this.file = file;
    }

    /** The state written last; never polled when there is no file or it cannot be read. */
    public ImageWatchState read() {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            String polledAt = node.path("polledAt").asText("");
            return new ImageWatchState(node.path("seen").asText(""), polledAt.isEmpty() ? null : Instant.parse(polledAt),
                    node.path("considered").asInt(), node.path("error").asText(""));
        } catch (IOException | RuntimeException e) {
            return ImageWatchState.NEVER_POLLED;
        }
    }

    public void write(ImageWatchState state) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("seen", state.seen());
        node.put("polledAt", state.polledAt() == null ? "" : state.polledAt().toString());
        node.put("considered", state.considered());
        node.put("error", state.error());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
