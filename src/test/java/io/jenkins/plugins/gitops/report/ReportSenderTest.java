package io.jenkins.plugins.gitops.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReportSenderTest {

    private static final byte[] SECRET = "sender-test-secret".getBytes(UTF_8);
    private static final ReportSender.Backoff FAST = new ReportSender.Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    /** At least a second between attempts: room for a test to act while the sender surely waits. */
    private static final ReportSender.Backoff SLOW = new ReportSender.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final LoopbackReceiver receiver = new LoopbackReceiver(SECRET);
    private ReportSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        receiver.close();
    }

    private ReportSender startSender(int maxPendingEvents) {
        sender = ReportSender.start(receiver.endpoint(), SECRET, FAST, Duration.ofSeconds(10), maxPendingEvents);
        return sender;
    }

    /**
     * With the receiver down, submits a first report and returns once an attempt to send it failed: the
     * sender then waits at least a second before its next attempt, so what the test submits meanwhile
     * is all queued, and nothing can reach a receiver restarted within that second but the next attempt.
     */
    private void startSenderAndWaitForAFailedAttempt(int maxPendingEvents, Report first) throws Exception {
        receiver.start().stop();
        sender = ReportSender.start(receiver.endpoint(), SECRET, SLOW, Duration.ofSeconds(10), maxPendingEvents);
        sender.submit(first);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sender.status().lastFailure() == null) {
            assertThat(System.nanoTime()).as("an attempt fails while the receiver is down").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(sender.status().lastFailure()).startsWith("cannot connect to " + receiver.endpoint());
    }

    /** The {@code index}-th report of a run: generated {@code index} seconds in, with two numbered events and a commit. */
    private static Report report(int index) {
        Report base = SampleReports.withResources("production", 3);
        List<ReportEvent> events = List.of(event(2 * index), event(2 * index + 1));
        return new Report(base.schema(), base.environment(), base.agent(),
                new SourceState(base.source().repository(), base.source().branch(), base.source().path(),
                        commit(index), List.of(commit(index))),
                base.phase(), base.health(), base.resources(), events, SampleReports.NOW.plusSeconds(index), null, Omitted.NONE);
    }

    private static String commit(int index) {
        return String.format("%040x", index + 1);
    }

    private static ReportEvent event(int number) {
        return new ReportEvent(EventType.APPLIED, SampleReports.NOW.plusMillis(number), "event " + number);
    }

    private static List<String> messages(List<ReportEvent> events) {
        return events.stream().map(ReportEvent::message).toList();
    }

    private static List<String> eventsNumbered(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("event " + i);
        }
        return out;
    }

    @Test
    void deliversAReportTheReceiverVerifies() throws Exception {
        receiver.start();
        startSender(100).submit(SampleReports.full("production"));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.accepted()).extracting(numbered -> numbered.withSequence(null))
                .containsExactly(SampleReports.full("production"));
        assertThat(sender.status()).isEqualTo(new ReportSender.Status(1, 0, 0, 0, null));
    }

    @Test
    void numbersItsDeliveriesInOrderUnderOneRunAndARestartedSenderStartsAnotherRun() throws Exception {
        receiver.start();
        startSender(100);
        for (int i = 0; i < 3; i++) {
            sender.submit(report(i));
            assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        }
        sender.close();
        startSender(100).submit(report(3));
        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();

        List<ReportSequence> numbers = receiver.accepted().stream().map(Report::sequence).toList();
        assertThat(numbers).extracting(ReportSequence::number).containsExactly(1L, 2L, 3L, 1L);
        assertThat(numbers.get(2).follows(numbers.get(1))).isTrue();
        assertThat(numbers.get(3).run()).isNotEqualTo(numbers.get(0).run());
    }

    @Test
    void losesNothingWhileTheReceiverIsDownAndDeliversEventsInOrderWhenItIsBack() throws Exception {
        startSenderAndWaitForAFailedAttempt(1_000, report(0));
        for (int i = 1; i < 50; i++) {
            sender.submit(report(i));
        }
        assertThat(sender.status().pendingEvents()).isEqualTo(100);
        assertThat(receiver.accepted()).isEmpty();

        receiver.start();

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(messages(receiver.events())).containsExactlyElementsOf(eventsNumbered(100));
        List<Report> accepted = receiver.accepted();
        assertThat(accepted.get(accepted.size() - 1).generatedAt()).as("the newest state arrives last")
                .isEqualTo(report(49).generatedAt());
        assertThat(accepted).as("states waiting together were sent as one").hasSize(1);
        assertThat(accepted.get(0).source().appliedCommits()).as("every applied commit, newest first")
                .hasSize(50).startsWith(commit(49), commit(48)).endsWith(commit(0));
        assertThat(sender.status().lastFailure()).isNull();
    }

    @Test
    void coalescesStatesButCarriesTheEventsOfEveryCoalescedReport() throws Exception {
        startSenderAndWaitForAFailedAttempt(1_000, report(0));
        sender.submit(report(1));
        sender.submit(report(2));
        receiver.start();

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(receiver.accepted().get(0).generatedAt()).isEqualTo(report(2).generatedAt());
        assertThat(messages(receiver.accepted().get(0).events())).containsExactlyElementsOf(eventsNumbered(6));
        assertThat(receiver.accepted().get(0).source().appliedCommits()).containsExactly(commit(2), commit(1), commit(0));
        assertThat(receiver.accepted().get(0).source().revision()).isEqualTo(commit(2));
    }

    @Test
    void spreadsMoreEventsThanOneReportHoldsOverSeveralDeliveries() throws Exception {
        receiver.start();
        Report base = report(0);
        List<ReportEvent> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(event(i));
        }
        startSender(10_000).submit(base.withEvents(many));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.accepted()).extracting(report -> report.events().size()).containsExactly(1_000, 1_000, 500);
        assertThat(receiver.accepted()).extracting(report -> report.source().appliedCommits())
                .containsExactly(List.of(commit(0)), List.of(), List.of());
        assertThat(messages(receiver.events())).containsExactlyElementsOf(eventsNumbered(2_500));
    }

    @Test
    void carriesTheNewestAppliedCommitsUpToTheLimit() throws Exception {
        startSenderAndWaitForAFailedAttempt(10_000, report(0));
        for (int i = 1; i < 600; i++) {
            sender.submit(report(i));
        }
        receiver.start();

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.accepted()).as("1,200 events take two deliveries").hasSize(2);
        assertThat(receiver.accepted().get(0).source().appliedCommits())
                .hasSize(ReportLimits.MAX_APPLIED_COMMITS).startsWith(commit(599)).endsWith(commit(100));
        assertThat(receiver.accepted().get(1).source().appliedCommits()).isEmpty();
        assertThat(messages(receiver.events())).containsExactlyElementsOf(eventsNumbered(1_200));
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        ReportSender.Backoff backoff = new ReportSender.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(60)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void retriesWhileTheReceiverAnswersUnavailable() throws Exception {
        receiver.start();
        receiver.answerUnavailable(3);
        startSender(100).submit(report(0));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(messages(receiver.events())).containsExactly("event 0", "event 1");
    }

    @Test
    void retriesTheSameDeliveryWhenTheAnswerIsLostSoEventsArriveOnce() throws Exception {
        receiver.start();
        receiver.dropAnswers(1);
        startSender(100).submit(report(0));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.answers()).containsExactly(202, 409);
        assertThat(messages(receiver.events())).containsExactly("event 0", "event 1");
        assertThat(sender.status().delivered()).isEqualTo(1);
    }

    @Test
    void cutsAReportOfMoreResourcesThanTheReceiverTakesToFitAndDeliversIt() throws Exception {
        receiver.start();
        startSender(100);
        sender.submit(SampleReports.withResources("production", ReportLimits.MAX_RESOURCES + 1));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.answers()).containsExactly(202);
        Report accepted = receiver.accepted().get(0);
        assertThat(accepted.resources().size() + accepted.omitted().resourceCount()).isEqualTo(ReportLimits.MAX_RESOURCES + 1);
    }

    @Test
    void dropsWhatTheReceiverRefusesForGoodAndGoesOn() throws Exception {
        receiver.start();
        startSender(100);
        Report base = SampleReports.withResources("production", 1);
        // Written a day after it is signed: only a broken clock does that, and no retry can mend it.
        sender.submit(new Report(base.schema(), base.environment(), base.agent(), base.source(), base.phase(), base.health(),
                base.resources(), base.events(), Instant.now().plus(Duration.ofDays(1)), null, Omitted.NONE));
        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        sender.submit(report(1));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(receiver.answers()).containsExactly(400, 202);
        ReportSender.Status status = sender.status();
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.delivered()).isEqualTo(1);
    }

    @Test
    void rejectsAnEnvironmentNameNoHeaderCanCarryAndGoesOn() throws Exception {
        receiver.start();
        Report base = report(0);
        startSender(100).submit(new Report(base.schema(), "prod\r\nX-Injected: 1", base.agent(), base.source(),
                base.phase(), base.health(), base.resources(), base.events(), base.generatedAt(), null, Omitted.NONE));
        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        sender.submit(report(1));

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(sender.status().rejected()).isEqualTo(1);
        assertThat(receiver.answers()).containsExactly(202);
    }

    @Test
    void refusesAnEndpointWithCredentialsInIt() {
        assertThatThrownBy(() -> ReportSender.start(java.net.URI.create("https://admin:hunter2@jenkins.example.com/gitops/report"),
                        SECRET, FAST, Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the report endpoint must be an http(s) URL without user info");
    }

    @Test
    void boundsTheEventsItHoldsAndCountsThoseDropped() throws Exception {
        startSenderAndWaitForAFailedAttempt(10, report(0));
        for (int i = 1; i < 20; i++) {
            sender.submit(report(i));
        }
        ReportSender.Status down = sender.status();
        assertThat(down.pendingEvents()).isEqualTo(10);
        assertThat(down.droppedEvents()).isEqualTo(30);
        receiver.start();

        assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
        assertThat(messages(receiver.events())).containsExactlyElementsOf(eventsNumbered(40).subList(30, 40));
    }

    @Test
    void saysItDroppedEventsOnceInItsLogAndInTheNextReportDeliveredThenNoMore() throws Exception {
        List<String> warnings;
        try (LogCapture log = LogCapture.warningsOf(ReportSender.class)) {
            startSenderAndWaitForAFailedAttempt(10, report(0));
            for (int i = 1; i < 20; i++) {
                sender.submit(report(i));
            }
            receiver.start();
            assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
            sender.submit(report(20));
            assertThat(sender.awaitDelivered(PATIENCE)).isTrue();
            warnings = log.warnings();
        }

        assertThat(receiver.accepted()).extracting(accepted -> accepted.omitted().events()).containsExactly(30L, 0L);
        assertThat(warnings).filteredOn(line -> line.startsWith("Dropping")).containsExactly("Dropping the oldest report"
                + " events: more than 10 are waiting for the receiver; the next report delivered counts them"
                + " (omitted.events, metric gitops_report_events_dropped_total)");
    }
}
