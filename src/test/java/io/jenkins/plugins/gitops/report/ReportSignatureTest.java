package io.jenkins.plugins.gitops.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportSignatureTest {

    @Test
    void matchesHmacSha256OverTimestampDotBodyAsAnotherImplementationComputesIt() {
        // Expected value from Python: hmac.new(b"key", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        assertThat(ReportSignature.of("key".getBytes(UTF_8), "1700000000", "{\"a\":1}".getBytes(UTF_8)))
                .isEqualTo("sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03");
    }

    @Test
    void signsTheEncodedReportAndNamesItInTheHeaders() {
        UUID delivery = UUID.fromString("5f0c6a52-3c1e-4b8e-9d55-0c8f1a2b3c4d");
        SignedReport signed = SignedReport.sign(SampleReports.full("staging"), "k".getBytes(UTF_8), delivery, SampleReports.NOW);

        assertThat(signed.body()).isEqualTo(ReportCodec.encode(SampleReports.full("staging")));
        assertThat(signed.headers()).containsExactly(
                java.util.Map.entry("X-GitOps-Environment", "staging"),
                java.util.Map.entry("X-GitOps-Delivery", delivery.toString()),
                java.util.Map.entry("X-GitOps-Timestamp", "1772366400"),
                java.util.Map.entry("X-GitOps-Signature",
                        ReportSignature.of("k".getBytes(UTF_8), "1772366400", signed.body())));
    }

    @Test
    void refusesToSignWithAnEmptySecret() {
        assertThatThrownBy(() -> ReportSignature.of(new byte[0], "1", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the signing secret is empty");
    }
}
