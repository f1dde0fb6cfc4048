package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.git.GitCredentials;
import io.jenkins.plugins.gitops.git.GitException;
import io.jenkins.plugins.gitops.git.GitIdentity;
import io.jenkins.plugins.gitops.git.HostKeyChecking;
import io.jenkins.plugins.gitops.git.HttpsTrust;
import io.jenkins.plugins.gitops.git.CommitSigning;
import io.jenkins.plugins.gitops.git.JGitConfigRepository;
import io.jenkins.plugins.gitops.git.RepositoryConnector;
import io.jenkins.plugins.gitops.image.PolicyViolation;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import io.jenkins.plugins.gitops.manifest.ImageEditException;
import io.jenkins.plugins.gitops.promote.ImagePromotion;
import io.jenkins.plugins.gitops.promote.Promotion;
import io.jenkins.plugins.gitops.promote.PromotionException;
import io.jenkins.plugins.gitops.promote.PromotionResult;
import io.jenkins.plugins.gitops.promote.PromotionTransaction;
import io.jenkins.plugins.gitops.promote.Provenance;
import io.jenkins.plugins.gitops.promote.PullRequest;
import io.jenkins.plugins.gitops.promote.RetryPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code promote}: one promotion transaction from the command line (DESIGN.md sections 5.1 and 7). */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Promotes image references into a directory of a config repository branch: fetches the tip, sets the tags"
                    + " and digests, commits with the promotion trailers and pushes, retrying when another push came first.",
            "Re-promoting what is already there changes nothing. Exits 0 on success or no-op, 2 with a one-line reason otherwise.",
            "In a Jenkins build, JOB_NAME, BUILD_NUMBER and BUILD_URL fill the Promoted-By and Build-Url trailers."
        })
final class PromoteCommand implements Callable<Integer> {

    static final int FAILED = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "URL", description = "Config repository URL (https, ssh, git or file).")
    private String repository;

    @Option(names = "--branch", required = true, paramLabel = "B", description = "Branch the environment is deployed from.")
    private String branch;

    @Option(names = "--path", required = true, paramLabel = "DIR", description = "Directory inside the repository to edit, or one file to edit alone.")
    private String path;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Image reference with a tag or digest; repeat for several.")
    private List<String> images = new ArrayList<>();

    @Option(names = "--environment", paramLabel = "NAME", description = "Environment name for the commit subject (default: the branch).")
    private String environment;

    @Option(names = "--message", paramLabel = "M", description = "Extra text for the commit message body.")
    private String message;

    @Option(names = "--pull-request", arity = "0..1", fallbackValue = "", paramLabel = "BRANCH",
            description = "Push to a review branch instead: BRANCH, or gitops/<environment>/<job>-<build> in a Jenkins build.")
    private String pullRequest;

    @Option(names = "--json", description = "Print {\"commit\",\"changed\",\"files\",\"attempts\",\"branch\"} as JSON.")
    private boolean json;

    @Option(names = "--username", paramLabel = "USER", defaultValue = "${env:GITOPS_GIT_USERNAME}",
            description = "HTTPS user name (env GITOPS_GIT_USERNAME).")
    private String username;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_GIT_TOKEN_FILE}",
            description = "File holding the HTTPS password or token (env GITOPS_GIT_TOKEN_FILE; or the token itself in GITOPS_GIT_TOKEN).")
    private Path tokenFile;

    @Option(names = "--ssh-key-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_SSH_KEY_FILE}",
            description = "OpenSSH private key for ssh:// repositories (env GITOPS_SSH_KEY_FILE).")
    private Path sshKeyFile;

    @Option(names = "--known-hosts-file", paramLabel = "FILE", defaultValue = "${env:GITOPS_KNOWN_HOSTS_FILE}",
            description = "Known hosts the SSH server's key must be listed in (env GITOPS_KNOWN_HOSTS_FILE; default ~/.ssh/known_hosts).")
    private Path knownHostsFile;

    @Option(names = "--signing-key", paramLabel = "FILE", defaultValue = "${env:GITOPS_SIGNING_KEY_FILE}",
            description = "Sign the promotion commit with this key, as git commit -S does: an OpenSSH private key (ssh) or an armored"
                    + " OpenPGP secret key (openpgp), without a passphrase. Env: GITOPS_SIGNING_KEY_FILE.")
    String signingKey;

    @Option(names = "--signing-format", paramLabel = "FORMAT", defaultValue = "ssh",
            description = "The format of --signing-key: ssh (gpg.format=ssh) or openpgp. Default: ${DEFAULT-VALUE}.")
    String signingFormat;

    @Option(names = "--ca-file", paramLabel = "PEM", defaultValue = "${env:GITOPS_CA_FILE}",
            description = "Extra trusted certificates for an HTTPS server with a private CA (env GITOPS_CA_FILE).")
    private Path caFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ImagePromotion promotion = ImagePromotion.of(promotion(), PromotionPolicy.DEFAULT);
            Path scratch = Files.createTempDirectory("gitops-promote");
            PromotionResult result;
            try {
                PromotionTransaction transaction = new PromotionTransaction(
                        connector(), committer(), RetryPolicy.DEFAULT, scratch);
                result = promotion.run(transaction);
            } finally {
                Files.deleteIfExists(scratch);
            }
            print(result);
            return 0;
        } catch (IllegalArgumentException | PolicyViolation | ImageEditException | PromotionException | GitException e) {
            err.println("promote: " + oneLine(e.getMessage()));
            err.flush();
            return FAILED;
        } catch (IOException e) {
            err.println("promote: " + oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
            err.flush();
            return FAILED;
        }
    }

    /** Commits are signed when a signing key is given; a key that cannot sign fails the promotion, never pushing unsigned. */
    private RepositoryConnector connector() throws IOException {
        if (signingKey == null || signingKey.isBlank()) {
            return JGitConfigRepository.connector(credentials(), trust());
        }
        CommitSigning signing = new CommitSigning(CommitSigning.Format.parse(signingFormat.strip()), Path.of(signingKey.strip()));
        return JGitConfigRepository.connector(credentials(), trust(), signing);
    }

    private Promotion promotion() {
        Promotion promotion = Promotion.of(repository, branch, RepositoryPath.parse(path), images,
                environment == null || environment.isBlank() ? branch : environment.strip());
        if (message != null) {
            promotion = promotion.withMessage(message);
        }
        Optional<Provenance> build = jenkinsBuild();
        if (build.isPresent()) {
            promotion = promotion.withProvenance(build.get());
        }
        if (pullRequest != null) {
            promotion = promotion.withPullRequest(pullRequest.isBlank() ? PullRequest.toDefaultBranch() : PullRequest.toBranch(pullRequest.strip()));
            // Outside a Jenkins build there is no job and build to name the branch after: say so before fetching.
            promotion.pushBranch();
        }
        return promotion;
    }

    /** The Jenkins build running this command, from the variables every build step sees. */
    private static Optional<Provenance> jenkinsBuild() {
        String job = System.getenv("JOB_NAME");
        String number = System.getenv("BUILD_NUMBER");
        if (job == null || job.isBlank() || number == null || !number.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        return Optional.of(Provenance.of(job, Integer.parseInt(number), System.getenv("BUILD_URL")));
    }

    private GitCredentials credentials() throws IOException {
        boolean https = username != null || tokenFile != null;
        if (https && sshKeyFile != null) {
            throw new IllegalArgumentException("give either --username/--token-file (HTTPS) or --ssh-key-file (SSH), not both");
        }
        if (sshKeyFile != null) {
            if (!Files.isReadable(sshKeyFile)) {
                throw new IllegalArgumentException("--ssh-key-file " + sshKeyFile + " is not a readable file");
            }
            Path knownHosts = knownHostsFile != null ? knownHostsFile : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
            return GitCredentials.sshKey(sshKeyFile, null, HostKeyChecking.strict(knownHosts));
        }
        String token = token();
        if (username == null && token == null) {
            return GitCredentials.none();
        }
        if (username == null || token == null) {
            throw new IllegalArgumentException("HTTPS credentials need both --username and --token-file (or GITOPS_GIT_TOKEN)");
        }
        return GitCredentials.usernameToken(username, token);
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " is not a readable file");
            }
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " is empty");
            }
            return token;
        }
        String fromEnvironment = System.getenv("GITOPS_GIT_TOKEN");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
    }

    private HttpsTrust trust() {
        return caFile == null ? HttpsTrust.SYSTEM : HttpsTrust.systemAnd(caFile);
    }

    /** Git's own variables name the committer when set, as for any git command in the same shell. */
    private static GitIdentity committer() {
        String name = System.getenv("GIT_COMMITTER_NAME");
        String email = System.getenv("GIT_COMMITTER_EMAIL");
        return new GitIdentity(name == null || name.isBlank() ? "gitops-agent" : name,
                email == null || email.isBlank() ? "gitops-agent@localhost" : email);
    }

    private void print(PromotionResult result) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("commit", result.commit());
            figures.put("changed", result.changed());
            figures.put("files", result.files());
            figures.put("attempts", result.attempts());
            figures.put("branch", result.branch());
            out.println(new ObjectMapper().writeValueAsString(figures));
        } else if (result.changed()) {
            out.println("Promoted to branch '" + result.branch() + "': commit " + result.commit() + " changes "
                    + String.join(", ", result.files()));
        } else {
            out.println("Nothing to promote: branch '" + result.branch() + "' at " + result.commit() + " already holds the images");
        }
        out.flush();
    }

    private static String oneLine(String message) {
        String text = String.valueOf(message);
        return text.lines().findFirst().orElse(text);
    }
}
