package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.registry.ImageSelection;
import io.jenkins.plugins.gitops.registry.ImageSelector;
import io.jenkins.plugins.gitops.registry.NoMatchingTagException;
import io.jenkins.plugins.gitops.registry.RegistryClient;
import io.jenkins.plugins.gitops.registry.RegistryCredentials;
import io.jenkins.plugins.gitops.registry.RegistryException;
import io.jenkins.plugins.gitops.registry.TagPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code image latest}: the latest tag of a repository by a policy, read from its registry. Exit 0 with the
 * reference, 2 when no tag matches or on bad input (one line on standard error), 1 when the registry cannot be read.
 */
@Command(
        name = "latest",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the latest image of a repository by a policy: repo:tag, or repo:tag@sha256:... with --digest.",
            "Exit status: 0 chosen, 2 no tag matches or bad input, 1 the registry cannot be read."
        })
final class ImageLatestCommand implements Callable<Integer> {

    static final int NO_MATCH = 2;
    static final int UNREADABLE = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REGISTRY/REPO",
            description = "The repository, without tag, for example registry.example.com/shop/web or nginx (Docker Hub).")
    private String image;

    @Option(names = "--semver", paramLabel = "RANGE", description = "Highest version in a semver range, for example '>=1.4 <2' or '^1.4'.")
    private String semver;

    @Option(names = "--prereleases", description = "Let pre-releases such as 1.5.0-rc.1 satisfy --semver.")
    private boolean prereleases;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only tags containing a match of this regular expression.")
    private String filter;

    @Option(names = "--extract", paramLabel = "TEMPLATE",
            description = "What of the --filter match is ordered: $1, $name or ${name}; the whole tag by default.")
    private String extract;

    @Option(names = "--order", paramLabel = "numeric|alphabetical", description = "Order of the extracted values; the highest wins.")
    private String order;

    @Option(names = "--newest-build", description = "The tag whose image was built last (its config's created time).")
    private boolean newestBuild;

    @Option(names = "--digest", description = "Pin the chosen tag by its manifest digest: repo:tag@sha256:....")
    private boolean digest;

    @Option(names = "--username-file", paramLabel = "FILE", description = "File holding the registry user name.")
    private Path usernameFile;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the registry password or token.")
    private Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Certificates to trust for a registry with a private CA.")
    private Path caFile;

    @Option(names = "--json", description = "Print {\"image\",\"tag\",\"digest\",\"considered\"} as JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        TagPolicy policy;
        ImageReference repository;
        RegistryCredentials credentials;
        try {
            repository = ImageReference.parse(image);
            policy = new TagPolicy(semver, prereleases, filter, extract, order == null ? null : TagPolicy.Order.parse(order),
                    newestBuild);
            credentials = credentials();
        } catch (IllegalArgumentException e) {
            return fail(err, NO_MATCH, e.getMessage());
        }
        try {
            RegistryClient client = RegistryClient.create(credentials, Optional.ofNullable(caFile), TIMEOUT);
            print(new ImageSelector(client).select(repository, policy, digest));
            return 0;
        } catch (NoMatchingTagException | IllegalArgumentException e) {
            return fail(err, NO_MATCH, e.getMessage());
        } catch (RegistryException e) {
            return fail(err, UNREADABLE, e.getMessage());
        }
    }

    private RegistryCredentials credentials() {
        if ((usernameFile == null) != (passwordFile == null)) {
            throw new IllegalArgumentException("--username-file and --password-file go together");
        }
        if (usernameFile == null) {
            return RegistryCredentials.anonymous();
        }
        return new RegistryCredentials(read("--username-file", usernameFile), read("--password-file", passwordFile));
    }

    private static String read(String option, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(option + ": " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void print(ImageSelection selection) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("image", selection.image().toString());
            fields.put("tag", selection.tag());
            fields.put("digest", selection.digest().isEmpty() ? null : selection.digest());
            fields.put("considered", selection.considered());
            out.println(new ObjectMapper().writeValueAsString(fields));
        } else {
            out.println(selection.image());
        }
        out.flush();
    }

    private static int fail(PrintWriter err, int code, String message) {
        String text = String.valueOf(message);
        err.println("image latest: " + text.lines().findFirst().orElse(text));
        err.flush();
        return code;
    }
}
