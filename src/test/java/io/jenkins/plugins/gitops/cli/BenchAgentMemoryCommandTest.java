package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BenchAgentMemoryCommandTest {

    @Test
    void measuresTheAgentWithTheImagesJvmFlags() throws Exception {
        Matcher options = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(Path.of("deploy/Dockerfile")));
        assertThat(options.find()).isTrue();
        assertThat(BenchAgentMemoryCommand.IMAGE_JAVA_TOOL_OPTIONS).isEqualTo(options.group(1));
        assertThat(Files.readString(Path.of("deploy/base/deployment.yaml")))
                .contains("memory: " + BenchAgentMemoryCommand.CONTAINER_MEMORY_LIMIT.replace("m", "Mi"));
    }

    @Test
    @Timeout(120)
    void printsTheResidentMemoryOfAnAgentThatSyncedTheRevision() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("bench", "agent-memory", "--resources", "25", "--json");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(figures.path("resources").asInt()).isEqualTo(25);
        assertThat(figures.path("configMapsInRevisionNamespaces").asInt()).as("the revision's 5").isEqualTo(5);
        assertThat(figures.path("vmRssMiB").asLong()).isPositive();
        assertThat(figures.path("vmHwmMiB").asLong()).isGreaterThanOrEqualTo(figures.path("vmRssMiB").asLong());
    }
}
