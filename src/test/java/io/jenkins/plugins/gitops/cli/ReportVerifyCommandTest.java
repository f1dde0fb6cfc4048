package io.jenkins.plugins.gitops.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.SignedReport;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportVerifyCommandTest {

    private static final String SECRET = "cli-secret-5e2d";

    @TempDir
    Path dir;

    private final InputStream stdin = System.in;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path secretFile;

    @BeforeEach
    void redirect() throws Exception {
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        // Written as `echo secret > file` would: the trailing newline is not part of the secret.
        secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    }

    @AfterEach
    void restore() {
        System.setIn(stdin);
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private static Report report(String environment) {
        return report(environment, Instant.now());
    }

    private static Report report(String environment, Instant generatedAt) {
        String revision = "4f1c2e3d4b5a69788796a5b4c3d2e1f001234567";
        return new Report(Report.SCHEMA, environment, new AgentIdentity("agent-1", "0.1.0"),
                new SourceState("https://git.example.com/config.git", "main", ".", revision, List.of(revision)),
                SyncPhase.SYNCED, Health.HEALTHY, List.of(), List.of(), generatedAt, null, Omitted.NONE);
    }

    private int verify(byte[] body, String... options) {
        System.setIn(new ByteArrayInputStream(body));
        List<String> args = new ArrayList<>(List.of("report", "verify", "--secret-file", secretFile.toString()));
        args.addAll(List.of(options));
        return Main.run(args.toArray(String[]::new));
    }

    private static SignedReport signed(Report report, Instant at) {
        return SignedReport.sign(report, SECRET.getBytes(UTF_8), UUID.randomUUID(), at);
    }

    private String errLine() {
        return err.toString(UTF_8);
    }

    @Test
    void exitsZeroForAValidReport() {
        SignedReport signed = signed(report("production"), Instant.now());

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", signed.signature());

        assertThat(exit).as(errLine()).isZero();
        assertThat(out.toString(UTF_8)).isEqualTo("valid: report for environment 'production' with 0 resources and 0 events\n");
    }

    @Test
    void takesTheEnvironmentAndDeliveryFromOptions() {
        SignedReport signed = signed(report("production"), Instant.now());

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", signed.signature(),
                "--environment", "production", "--delivery", signed.deliveryId());

        assertThat(exit).as(errLine()).isZero();
    }

    /** The file Jenkins' report store kept of a report written, signed and received two days ago. */
    private Path storedTwoDaysAgo(String environment) throws Exception {
        Instant then = Instant.now().minus(Duration.ofDays(2));
        Report report = report(environment, then);
        ReportStore store = ReportStore.open(dir.resolve("reports"), 10, Clock.fixed(then, ZoneOffset.UTC));
        store.add(report, signed(report, then));
        try (Stream<Path> files = Files.list(dir.resolve("reports").resolve(report.environment()))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void verifiesAStoredReportAsItWasWhenItArrived() throws Exception {
        Path stored = storedTwoDaysAgo("production");

        int exit = verify(new byte[0], "--stored", stored.toString());

        assertThat(exit).as(errLine()).isZero();
        assertThat(out.toString(UTF_8)).isEqualTo("valid: report for environment 'production' with 0 resources and 0 events\n");
    }

    @Test
    void exitsThreeForAStoredReportChangedSinceItArrived() throws Exception {
        Path stored = storedTwoDaysAgo("production");
        Files.writeString(stored, Files.readString(stored).replace("Synced", "Failed"));

        int exit = verify(new byte[0], "--stored", stored.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).startsWith("401 X-GitOps-Signature: does not match");
    }

    @Test
    void exitsThreeForAReportStoredBeforeTheStoreKeptSignatures() throws Exception {
        Path legacy = Files.write(dir.resolve("report-3-1700000000000.json"), "{}".getBytes(UTF_8));

        int exit = verify(new byte[0], "--stored", legacy.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).isEqualTo(legacy + ": stored before Jenkins kept reports as signed; there is no signature to check\n");
    }

    @Test
    void refusesAStoredReportTogetherWithAnEnvelopeOfOptions() throws Exception {
        Path stored = storedTwoDaysAgo("production");

        int exit = verify(new byte[0], "--stored", stored.toString(), "--timestamp", "1700000000");

        assertThat(exit).isEqualTo(2);
        assertThat(errLine()).contains("--stored: the file's name gives the timestamp and signature");
    }

    @Test
    void exitsThreeWithTheReasonForABadSignature() {
        SignedReport signed = signed(report("production"), Instant.now());

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", "sha256=" + "0".repeat(64));

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).isEqualTo(
                "401 X-GitOps-Signature: does not match the body and timestamp under the secret of environment 'production'\n");
        assertThat(out.toString(UTF_8)).isEmpty();
    }

    @Test
    void exitsThreeForAStaleReport() {
        SignedReport signed = signed(report("production"), Instant.now().minusSeconds(3600));

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", signed.signature());

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).startsWith("401 X-GitOps-Timestamp: ").contains("s in the past");
    }

    @Test
    void exitsThreeForAnEnvironmentOtherThanTheBodys() {
        SignedReport signed = signed(report("production"), Instant.now());

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", signed.signature(),
                "--environment", "staging");

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).isEqualTo("400 environment: 'production' in the body, but 'staging' in X-GitOps-Environment\n");
    }

    @Test
    void exitsThreeForABodyThatIsNotAReport() {
        byte[] body = "<html>not a report</html>".getBytes(UTF_8);

        int exit = verify(body, "--timestamp", "1700000000", "--signature", "sha256=" + "0".repeat(64));

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).startsWith("body: not valid JSON: Unexpected character ('<'").doesNotContain(SECRET);
        assertThat(errLine().strip()).doesNotContain("\n");
    }

    @Test
    void exitsThreeForAnOversizeBody() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        int exit = verify(body, "--timestamp", "1700000000", "--signature", "sha256=" + "0".repeat(64), "--environment", "dev");

        assertThat(exit).isEqualTo(3);
        assertThat(errLine()).isEqualTo("413 body: more than the limit of 1048576 bytes\n");
    }

    @Test
    void exitsTwoOnBadUsage() {
        SignedReport signed = signed(report("production"), Instant.now());

        assertThat(verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()))).isEqualTo(2);
        assertThat(errLine()).contains("--timestamp and --signature are required unless --stored names a stored report");
        assertThat(Main.run("report")).isEqualTo(2);
        assertThat(Main.run("report", "verify", "--secret-file", dir.resolve("absent").toString(), "--timestamp", "1",
                "--signature", "sha256=" + "0".repeat(64))).isEqualTo(2);
        assertThat(errLine()).contains("--secret-file: cannot read " + dir.resolve("absent") + " (NoSuchFileException)");
    }

    @Test
    void doesNotAcceptAnEmptySecretFile() throws Exception {
        Files.writeString(secretFile, "\n");
        SignedReport signed = signed(report("production"), Instant.now());

        int exit = verify(signed.body(), "--timestamp", Long.toString(signed.timestamp()), "--signature", signed.signature());

        assertThat(exit).isEqualTo(2);
        assertThat(errLine()).contains("--secret-file: " + secretFile + " is empty");
    }
}
