package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.report.InvalidReportException;
import io.jenkins.plugins.gitops.report.ReplayCache;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.ReportHeaders;
import io.jenkins.plugins.gitops.report.ReportLimits;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.report.ReportVerifier;
import io.jenkins.plugins.gitops.report.Verdict;
import io.jenkins.plugins.gitops.report.store.StoredReportFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report verify}: checks a report body on standard input exactly as the Jenkins endpoint does, or a
 * report Jenkins stored ({@code --stored}) as the endpoint did when it arrived.
 * Exit 0 when valid, 3 when not (the reason on standard error), 2 on bad usage.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a signed report read from standard input, as the Jenkins report endpoint would,",
            "or a report file Jenkins stored (--stored), as the endpoint did when it arrived.",
            "Exit status: 0 valid, 3 invalid (one-line reason on standard error), 2 bad usage."
        })
final class ReportVerifyCommand implements Callable<Integer> {

    static final int INVALID = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--secret-file", required = true, paramLabel = "FILE",
            description = "File holding the environment's shared secret (a trailing newline is ignored).")
    private Path secretFile;

    @Option(names = "--timestamp", paramLabel = "SECONDS",
            description = "The X-GitOps-Timestamp header: unix seconds at signing. Required without --stored.")
    private String timestamp;

    @Option(names = "--signature", paramLabel = "SIG",
            description = "The X-GitOps-Signature header: sha256=<hex>. Required without --stored.")
    private String signature;

    @Option(names = "--stored", paramLabel = "FILE",
            description = "A report file of the Jenkins report store (report-*.json); its name holds the timestamp "
                    + "and signature, and it is checked at the time it was signed.")
    private Path stored;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "The X-GitOps-Environment header; defaults to the environment named in the body.")
    private String environment;

    @Option(names = "--delivery", paramLabel = "UUID",
            description = "The X-GitOps-Delivery header; defaults to a fresh UUID.")
    private String delivery;

    @Override
    public Integer call() throws IOException {
        byte[] secret = readSecret();
        Clock clock = Clock.systemUTC();
        byte[] body;
        if (stored == null) {
            if (timestamp == null || signature == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--timestamp and --signature are required unless --stored names a stored report");
            }
            body = System.in.readNBytes(ReportLimits.MAX_BODY_BYTES + 1);
        } else {
            if (timestamp != null || signature != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--stored: the file's name gives the timestamp and signature; leave out --timestamp and --signature");
            }
            StoredReportFile name = StoredReportFile.parse(String.valueOf(stored.getFileName())).orElse(null);
            if (name == null) {
                return invalid(stored + ": not a stored report (report-SEQUENCE-RECEIVED-TIMESTAMP-SIGNATURE.json)");
            }
            if (!name.hasEnvelope()) {
                return invalid(stored + ": stored before Jenkins kept reports as signed; there is no signature to check");
            }
            timestamp = Long.toString(name.signedAt());
            signature = ReportSignature.PREFIX + name.signatureHex();
            // As on arrival: the timestamp window is measured from the time of signing, not from today.
            clock = Clock.fixed(Instant.ofEpochSecond(name.signedAt()), ZoneOffset.UTC);
            body = readStored();
        }
        String environmentName = environment;
        if (environmentName == null) {
            try {
                environmentName = ReportCodec.decode(body).environment();
            } catch (InvalidReportException e) {
                return invalid(e.getMessage());
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(ReportHeaders.ENVIRONMENT, List.of(environmentName));
        headers.put(ReportHeaders.DELIVERY, List.of(delivery == null ? UUID.randomUUID().toString() : delivery));
        headers.put(ReportHeaders.TIMESTAMP, List.of(timestamp));
        headers.put(ReportHeaders.SIGNATURE, List.of(signature));
        ReportVerifier verifier = new ReportVerifier(
                name -> Optional.of(secret), clock, new ReplayCache(1));
        Verdict verdict = verifier.verify(headers, new ByteArrayInputStream(body));
        if (!verdict.accepted()) {
            return invalid(verdict.status() + " " + verdict.reason());
        }
        System.out.println("valid: report for environment '" + verdict.report().environment() + "' with "
                + verdict.report().resources().size() + " resources and " + verdict.report().events().size()
                + " events");
        return 0;
    }

    private byte[] readStored() {
        try (InputStream in = Files.newInputStream(stored)) {
            return in.readNBytes(ReportLimits.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stored: cannot read " + stored + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] readSecret() {
        byte[] secret;
        try {
            secret = Files.readAllBytes(secretFile);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--secret-file: cannot read " + secretFile + " (" + e.getClass().getSimpleName() + ")");
        }
        int end = secret.length;
        while (end > 0 && (secret[end - 1] == '\n' || secret[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--secret-file: " + secretFile + " is empty");
        }
        return Arrays.copyOf(secret, end);
    }

    private static int invalid(String reason) {
        System.err.println(reason);
        return INVALID;
    }
}
