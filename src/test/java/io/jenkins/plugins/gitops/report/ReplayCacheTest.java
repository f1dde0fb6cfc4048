package io.jenkins.plugins.gitops.report;

import static io.jenkins.plugins.gitops.report.ReplayCache.Admission.ADMITTED;
import static io.jenkins.plugins.gitops.report.ReplayCache.Admission.DELIVERY_SEEN;
import static io.jenkins.plugins.gitops.report.ReplayCache.Admission.FULL;
import static io.jenkins.plugins.gitops.report.ReplayCache.Admission.SIGNATURE_SEEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void remembersADeliveryUntilItExpires() {
        ReplayCache cache = new ReplayCache(10);

        assertThat(cache.admit("d1", "s1", T0.plusSeconds(300), T0)).isEqualTo(ADMITTED);
        assertThat(cache.admit("d1", "s2", T0.plusSeconds(300), T0.plusSeconds(300))).isEqualTo(DELIVERY_SEEN);
        assertThat(cache.admit("d2", "s1", T0.plusSeconds(300), T0.plusSeconds(300))).isEqualTo(SIGNATURE_SEEN);
        assertThat(cache.admit("d1", "s1", T0.plusSeconds(602), T0.plusSeconds(301))).isEqualTo(ADMITTED);
    }

    @Test
    void admitsNothingMoreWhenFullOfUnexpiredDeliveriesRatherThanForgetOne() {
        ReplayCache cache = new ReplayCache(2);
        cache.admit("d1", "s1", T0.plusSeconds(100), T0);
        cache.admit("d2", "s2", T0.plusSeconds(300), T0);

        assertThat(cache.admit("d3", "s3", T0.plusSeconds(300), T0)).isEqualTo(FULL);
        assertThat(cache.admit("d1", "s1", T0.plusSeconds(300), T0)).as("still remembered").isEqualTo(DELIVERY_SEEN);
        assertThat(cache.admit("d3", "s3", T0.plusSeconds(400), T0.plusSeconds(101))).as("d1 expired: room again")
                .isEqualTo(ADMITTED);
        assertThat(cache.admit("d2", "s9", T0.plusSeconds(400), T0.plusSeconds(101))).isEqualTo(DELIVERY_SEEN);
    }
}
