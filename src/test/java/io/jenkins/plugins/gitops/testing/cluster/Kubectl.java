package io.jenkins.plugins.gitops.testing.cluster;

import io.jenkins.plugins.gitops.testing.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code kubectl} against the local control plane, in a test's namespace: the edits people
 * make by hand ({@code edit}, {@code scale}, {@code set image}, {@code label}, {@code apply}), which
 * the API server records in {@code managedFields} under kubectl's own field managers.
 */
public record Kubectl(TestNamespace namespace) {

    /** Runs {@code kubectl --kubeconfig ... -n <namespace> ARGS...} and returns its output; fails on a non-zero exit. */
    public String run(String... arguments) {
        Path kubectl = Commands.require("kubectl", "none: kubectl with kustomize v5 comes with this machine image");
        List<String> command = new ArrayList<>(List.of(kubectl.toString(),
                "--kubeconfig", namespace.cluster().kubeconfig().toString(), "-n", namespace.name()));
        command.addAll(List.of(arguments));
        return Commands.run(null, Map.of(), command.toArray(String[]::new));
    }

    /** {@code kubectl apply -f} of YAML text: a client-side apply, as most people first create objects. */
    public String apply(String yaml, String... flags) {
        try {
            Path file = Files.createTempFile("kubectl-apply", ".yaml");
            try {
                Files.writeString(file, yaml, StandardCharsets.UTF_8);
                List<String> arguments = new ArrayList<>(List.of("apply", "-f", file.toString()));
                arguments.addAll(List.of(flags));
                return run(arguments.toArray(String[]::new));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code kubectl edit} of one object with {@code sed} as the editor: the edit goes through
     * kubectl's edit path and field manager ({@code kubectl-edit}), as a person's would.
     */
    public String edit(String object, String sedExpression) {
        Commands.require("sed", "sed");
        List<String> command = new ArrayList<>(List.of(
                Commands.require("kubectl", "none: kubectl comes with this machine image").toString(),
                "--kubeconfig", namespace.cluster().kubeconfig().toString(), "-n", namespace.name(), "edit", object));
        return Commands.run(null, Map.of("KUBE_EDITOR", "sed -i -e '" + sedExpression.replace("'", "'\\''") + "'"),
                command.toArray(String[]::new));
    }
}
