package io.jenkins.plugins.gitops.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The git command line, isolated from the machine's git configuration, for seeding and inspecting
 * repositories independently of the code under test.
 */
public final class GitCli {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_AUTHOR_NAME", "Fixture",
            "GIT_AUTHOR_EMAIL", "fixture@example.invalid",
            "GIT_COMMITTER_NAME", "Fixture",
            "GIT_COMMITTER_EMAIL", "fixture@example.invalid",
            "GIT_TERMINAL_PROMPT", "0");

    private GitCli() {}

    /** Runs {@code git args...} in {@code directory} and returns its output. */
    public static String git(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Commands.require("git", "git").toString());
        command.addAll(List.of(args));
        return Commands.run(directory, ENVIRONMENT, command.toArray(String[]::new));
    }
}
