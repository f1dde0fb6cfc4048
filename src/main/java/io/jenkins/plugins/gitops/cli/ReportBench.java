package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.report.Omitted;
import io.jenkins.plugins.gitops.report.AgentIdentity;
import io.jenkins.plugins.gitops.report.EventType;
import io.jenkins.plugins.gitops.report.FieldDiff;
import io.jenkins.plugins.gitops.report.Health;
import io.jenkins.plugins.gitops.report.JsonValue;
import io.jenkins.plugins.gitops.report.ReplayCache;
import io.jenkins.plugins.gitops.report.Report;
import io.jenkins.plugins.gitops.report.ReportCodec;
import io.jenkins.plugins.gitops.report.ReportEvent;
import io.jenkins.plugins.gitops.report.ReportLimits;
import io.jenkins.plugins.gitops.report.ReportSignature;
import io.jenkins.plugins.gitops.report.ReportVerifier;
import io.jenkins.plugins.gitops.report.ResourceEntry;
import io.jenkins.plugins.gitops.report.ResourceStatus;
import io.jenkins.plugins.gitops.report.SignedReport;
import io.jenkins.plugins.gitops.report.SourceState;
import io.jenkins.plugins.gitops.report.SyncPhase;
import io.jenkins.plugins.gitops.report.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench report}: verified reports per second (size check, headers, HMAC, strict parse, replay
 * check), against plain Jackson parsing of the same bytes in the same run, so the figure that travels
 * between machines is the ratio.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Verified reports per second, with plain Jackson parsing of the same bytes as baseline.")
final class ReportBench implements Callable<Integer> {

    private static final int ROUNDS = 5;
    private static final long ROUND_NANOS = 500_000_000L;
    /** Rounds run first and not counted, so that both operations are compiled before they are timed. */
    private static final int WARM_UP_ROUNDS = 3;
    private static final byte[] SECRET = "bench-secret-not-for-use".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** Distinct signed deliveries per verifier: one per second of the acceptance window. */
    /** Where measured results go so the JIT cannot drop the work that produced them. */
    private static volatile long blackhole;
    private static final int DELIVERIES = (int) ReportLimits.TIMESTAMP_WINDOW.toSeconds() * 2;

    @Option(names = "--json", description = "Print JSON (the only format; accepted for symmetry with other commands).")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("benchmark", "report");
        out.put("rounds", ROUNDS);
        out.put("roundMillis", ROUND_NANOS / 1_000_000);
        out.put("warmUpRounds", WARM_UP_ROUNDS);
        ArrayNode cases = out.putArray("cases");
        cases.add(measure(mapper, "realistic", report(200, 10, 20)));
        cases.add(measure(mapper, "large", report(4_000, 200, 200)));
        System.out.println(mapper.writeValueAsString(out));
        return 0;
    }

    private static ObjectNode measure(ObjectMapper mapper, String name, Report report) throws IOException {
        byte[] body = ReportCodec.encode(report);
        List<SignedReport> deliveries = new ArrayList<>(DELIVERIES);
        for (int i = 0; i < DELIVERIES; i++) {
            long timestamp = NOW.getEpochSecond() - DELIVERIES / 2 + i;
            deliveries.add(new SignedReport(report.environment(), UUID.randomUUID().toString(), timestamp,
                    ReportSignature.of(SECRET, Long.toString(timestamp), body), body));
        }
        Verifications verifications = new Verifications(deliveries);

        double[] verified = new double[ROUNDS];
        double[] parsed = new double[ROUNDS];
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            double verifyRate = rate(verifications::verify);
            double parseRate = rate(i -> mapper.readTree(body).size());
            if (round >= 0) {
                verified[round] = verifyRate;
                parsed[round] = parseRate;
            }
        }
        double verifiedMedian = median(verified);
        double parsedMedian = median(parsed);
        ObjectNode result = mapper.createObjectNode();
        result.put("name", name);
        result.put("resources", report.resources().size());
        result.put("events", report.events().size());
        result.put("bytes", body.length);
        result.put("verifiedPerSecond", Math.round(verifiedMedian));
        result.put("jacksonParsePerSecond", Math.round(parsedMedian));
        // How many plain parses one verification costs: the machine-independent figure.
        result.put("verifyCostInParses", Math.round(parsedMedian / verifiedMedian * 100) / 100.0);
        return result;
    }

    /** Verifies the pre-signed deliveries in turn, each exactly once per replay cache. */
    private static final class Verifications {

        private final List<SignedReport> deliveries;
        private final List<Map<String, List<String>>> headers = new ArrayList<>();
        private ReportVerifier verifier;

        Verifications(List<SignedReport> deliveries) {
            this.deliveries = deliveries;
            for (SignedReport signed : deliveries) {
                headers.add(signed.headers().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
            }
        }

        int verify(int iteration) {
            int slot = iteration % deliveries.size();
            if (slot == 0) {
                // A fresh replay cache whenever the deliveries come round again, so each one is new to it.
                verifier = new ReportVerifier(env -> Optional.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC),
                        new ReplayCache(deliveries.size()));
            }
            Verdict verdict = verifier.verify(headers.get(slot), new ByteArrayInputStream(deliveries.get(slot).body()));
            if (!verdict.accepted()) {
                throw new IllegalStateException("bench report refused: " + verdict.reason());
            }
            return verdict.report().resources().size();
        }
    }

    private interface Operation {
        int run(int iteration) throws IOException;
    }

    /** Operations per second over one round; the results are summed so that no work can be skipped. */
    private static double rate(Operation operation) throws IOException {
        long sink = 0;
        int count = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            sink += operation.run(count++);
            elapsed = System.nanoTime() - start;
        } while (elapsed < ROUND_NANOS);
        blackhole = sink;
        return count * 1e9 / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** A report shaped like a busy environment: some resources drifted with two diffs each, some events. */
    private static Report report(int resources, int drifted, int events) {
        List<ResourceEntry> entries = new ArrayList<>(resources);
        for (int i = 0; i < resources; i++) {
            boolean drift = i < drifted;
            List<FieldDiff> diffs = drift
                    ? List.of(
                            new FieldDiff("/spec/replicas", JsonValue.of(3), JsonValue.of(5), "kubectl-scale",
                                    NOW.minusSeconds(60)),
                            new FieldDiff("/spec/template/spec/containers/0/resources",
                                    JsonValue.parse("{\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}}"),
                                    JsonValue.parse("{\"limits\":{\"cpu\":\"1\",\"memory\":\"512Mi\"}}"),
                                    "kubectl-edit", NOW.minusSeconds(30)))
                    : List.of();
            entries.add(new ResourceEntry("apps/v1", "Deployment", "team-" + (i % 10), "service-" + i,
                    drift ? ResourceStatus.DRIFTED : ResourceStatus.IN_SYNC, Health.HEALTHY, diffs, null));
        }
        List<ReportEvent> happened = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            happened.add(new ReportEvent(EventType.APPLIED, NOW.minusSeconds(events - i),
                    "applied Deployment team-" + (i % 10) + "/service-" + i));
        }
        String revision = "0123456789abcdef0123456789abcdef01234567";
        return new Report(Report.SCHEMA, "production", new AgentIdentity("gitops-agent-7d9f", "0.1.0"),
                new SourceState("https://git.example.com/config.git", "main", "apps/production", revision, List.of(revision)),
                drifted > 0 ? SyncPhase.OUT_OF_SYNC : SyncPhase.SYNCED, Health.HEALTHY, entries, happened, NOW, null, Omitted.NONE);
    }
}
